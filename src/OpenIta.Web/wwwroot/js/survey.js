// The public survey page (Features/Surveys/Public/Answer.cshtml, /s/{link}): everything goes through the public JSON API
// (GET /api/v1/public/surveys/{link}; EIT part 1: POST …/otp {phone} → 202, POST …/verify {phone, code} → {ticket};
// POST …/responses {ticket?, answers} → 201). Answers are kept in localStorage under the link until they are sent, so a
// respondent who leaves comes back to them on the same device; sent, they are cleared. The phone number is never stored
// on the device; the single-use ticket only for this tab (sessionStorage). Errors show the API's own detail (problem
// details, in the page's language) and mark the question it names.
(function () {
  'use strict';
  var root = document.getElementById('survey');
  if (!root) { return; }
  var link = root.getAttribute('data-link') || '';
  var english = root.getAttribute('data-lang') === 'en';
  var t = function (th, en) { return english ? en : th; };
  var api = '/api/v1/public/surveys/' + encodeURIComponent(link);
  var answersKey = 'openita-survey:' + link;
  var ticketKey = 'openita-survey-ticket:' + link;
  var part = function (name) { return root.querySelector('[data-part="' + name + '"]'); };
  var step = function (name) { return root.querySelector('[data-step="' + name + '"]'); };
  var survey = null;
  var phone = '';
  var answers = load(window.localStorage, answersKey) || {};

  function load(storage, key) {
    try { var text = storage.getItem(key); return text ? JSON.parse(text) : null; } catch (e) { return null; }
  }
  function save(storage, key, value) {
    try { if (value === null) { storage.removeItem(key); } else { storage.setItem(key, JSON.stringify(value)); } } catch (e) { /* private mode: the page still works, without resuming */ }
  }

  function show(name) {
    ['phone', 'code', 'questions'].forEach(function (other) { step(other).hidden = other !== name; });
    part('loading').hidden = true;
  }

  function clearError() {
    var box = part('error');
    box.hidden = true;
    box.textContent = '';
    Array.prototype.forEach.call(root.querySelectorAll('[aria-invalid]'), function (element) { element.removeAttribute('aria-invalid'); });
    Array.prototype.forEach.call(root.querySelectorAll('.invalid'), function (element) { element.classList.remove('invalid'); });
  }

  function showError(message, focusTarget) {
    var box = part('error');
    box.textContent = message;
    box.hidden = false;
    (focusTarget || box).focus();
  }

  // The request's JSON and status; a body that is not JSON is null.
  function call(method, url, body) {
    var init = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json', 'Accept-Language': english ? 'en' : 'th' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (json) {
        return { status: response.status, ok: response.ok, body: json, retryAfter: response.headers.get('Retry-After') };
      });
    });
  }

  function waitText(seconds) {
    var n = parseInt(seconds, 10);
    if (!(n > 0)) { return ''; }
    var minutes = Math.ceil(n / 60);
    return n < 120 ? t(' ลองใหม่ได้ในอีก ' + n + ' วินาที', ' Try again in ' + n + ' s.') : t(' ลองใหม่ได้ในอีก ' + minutes + ' นาที', ' Try again in ' + minutes + ' min.');
  }

  // The problem's own words (detail, else title), else a sentence for its status; 429 adds when to try again.
  function problemText(result) {
    var body = result.body || {};
    var text = body.detail || body.title;
    if (!text) {
      text = result.status === 404 ? t('ไม่พบแบบสำรวจนี้ หรือปิดรับคำตอบแล้ว', 'This survey does not exist or is closed.')
        : result.status === 409 ? t('หมายเลขนี้ตอบแบบสำรวจของหน่วยงานนี้ในปีนี้แล้ว', 'This number has already answered this agency\'s survey this year.')
        : result.status === 429 ? t('ขอบ่อยเกินไป', 'Too many attempts.')
        : t('เกิดข้อผิดพลาด กรุณาลองใหม่อีกครั้ง', 'Something went wrong; please try again.');
    }
    return result.status === 429 ? text + waitText(result.retryAfter) : text;
  }

  function offline() {
    showError(t('เชื่อมต่อไม่ได้ คำตอบของท่านยังเก็บอยู่ในเครื่องนี้ ลองใหม่อีกครั้งเมื่อเชื่อมต่ออินเทอร์เน็ตได้', 'No connection. Your answers are still on this device; try again when you are online.'));
  }

  // The field a 400 names: a "field" extension, else the first key of "errors"; "answers.I1.1" and "I1.1" both name I1.1.
  function fieldOf(body) {
    if (!body) { return null; }
    var field = body.field || (body.errors && typeof body.errors === 'object' ? Object.keys(body.errors)[0] : null);
    if (!field) { return null; }
    return String(field).replace(/^\$?\.?answers\.?/i, '').replace(/^\[|\]$/g, '').replace(/^['"]|['"]$/g, '');
  }

  function questionBox(code) {
    if (!code) { return null; }
    var wanted = code.toLowerCase();
    var boxes = root.querySelectorAll('fieldset[data-code]');
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].getAttribute('data-code').toLowerCase() === wanted) { return boxes[i]; }
    }
    return null;
  }

  // Each answerable item, in order: a question without sub-items, or a sub-item (its question named by "parent").
  function items() {
    return (survey.questions || []).map(function (q) { return { code: q.code, options: q.options || [], required: q.required !== false }; });
  }

  function textOf(q) { return english && q.textEn ? q.textEn : q.text; }

  function progress() {
    var all = items();
    var done = all.filter(function (item) { return answers[item.code] !== undefined; }).length;
    part('progress').textContent = t('ตอบแล้ว ' + done + ' จาก ' + all.length + ' ข้อ', done + ' of ' + all.length + ' answered');
  }

  function fieldset(code, legendText, options, number) {
    var box = document.createElement('fieldset');
    box.className = 'card question';
    box.setAttribute('data-code', code);
    var legend = document.createElement('legend');
    if (number) {
      var num = document.createElement('span');
      num.className = 'question-number';
      num.textContent = number + '. ';
      legend.appendChild(num);
    }
    legend.appendChild(document.createTextNode(legendText));
    box.appendChild(legend);
    options.forEach(function (option, index) {
      var id = 'q-' + code.replace(/[^A-Za-z0-9_-]/g, '_') + '-' + index;
      var label = document.createElement('label');
      label.className = 'option';
      label.setAttribute('for', id);
      var input = document.createElement('input');
      input.type = 'radio';
      input.name = code;
      input.id = id;
      input.value = String(option.value);
      input.setAttribute('data-json', JSON.stringify(option.value)); // sent as the API gave it (a string or a number)
      input.checked = answers[code] !== undefined && String(answers[code]) === String(option.value);
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + option.text));
      box.appendChild(label);
    });
    return box;
  }

  // Questions numbered in order; the sub-items of one question under its text, each sub-item a group of its own.
  function renderQuestions() {
    var holder = part('questions');
    holder.textContent = '';
    var number = 0;
    var group = null;
    var groupOf = null;
    (survey.questions || []).forEach(function (q) {
      if (q.parent) {
        if (groupOf !== q.parent) {
          number++;
          group = document.createElement('fieldset');
          group.className = 'question-group';
          var legend = document.createElement('legend');
          legend.textContent = number + '. ' + (q.parentText || q.parent);
          group.appendChild(legend);
          holder.appendChild(group);
          groupOf = q.parent;
        }
        group.appendChild(fieldset(q.code, textOf(q), q.options || [], null));
        return;
      }
      groupOf = null;
      number++;
      holder.appendChild(fieldset(q.code, textOf(q), q.options || [], number));
    });
    progress();
  }

  function startQuestions() {
    renderQuestions();
    show('questions');
  }

  function needsOtp() {
    return survey.needsTicket === true || String(survey.instrument).toUpperCase() === 'EIT1';
  }

  function begin() {
    if (needsOtp() && !load(window.sessionStorage, ticketKey)) {
      show('phone');
    } else {
      startQuestions();
    }
  }

  function requestCode() {
    clearError();
    var input = document.getElementById('survey-phone');
    phone = input.value.trim();
    if (!/^[+0-9][0-9 \-]{7,15}$/.test(phone)) {
      input.setAttribute('aria-invalid', 'true');
      showError(t('กรุณากรอกหมายเลขโทรศัพท์มือถือ เช่น 081-234-5678', 'Please enter a mobile number, e.g. 081-234-5678.'), input);
      return;
    }
    call('POST', api + '/otp', { phone: phone }).then(function (result) {
      if (result.status === 202 || result.ok) {
        part('sent-to').textContent = t('ส่งรหัสไปที่ ' + phone + ' แล้ว รหัสใช้ได้ 5 นาที', 'A code was sent to ' + phone + '; it is valid for 5 minutes.');
        show('code');
        document.getElementById('survey-code').value = '';
        document.getElementById('survey-code').focus();
        return;
      }
      if (result.status === 400) { input.setAttribute('aria-invalid', 'true'); }
      showError(problemText(result), result.status === 400 ? input : null);
    }).catch(offline);
  }

  function verifyCode() {
    clearError();
    var input = document.getElementById('survey-code');
    var code = input.value.trim();
    if (!/^[0-9]{6}$/.test(code)) {
      input.setAttribute('aria-invalid', 'true');
      showError(t('รหัสมี 6 หลัก เป็นตัวเลข', 'The code has 6 digits.'), input);
      return;
    }
    call('POST', api + '/verify', { phone: phone, code: code }).then(function (result) {
      if (result.ok && result.body && result.body.ticket) {
        save(window.sessionStorage, ticketKey, result.body.ticket);
        phone = '';
        startQuestions();
        var first = root.querySelector('fieldset[data-code] input');
        if (first) { first.focus(); }
        return;
      }
      if (result.status === 400) { input.setAttribute('aria-invalid', 'true'); }
      showError(problemText(result), result.status === 400 ? input : null);
    }).catch(offline);
  }

  function send() {
    clearError();
    var missing = items().filter(function (item) { return item.required && answers[item.code] === undefined; });
    if (missing.length) {
      var box = questionBox(missing[0].code);
      missing.forEach(function (item) { var b = questionBox(item.code); if (b) { b.classList.add('invalid'); } });
      showError(t('ยังไม่ได้ตอบ ' + missing.length + ' ข้อ กรุณาตอบให้ครบก่อนส่ง', missing.length + ' question(s) not answered yet; please answer them all before sending.'),
        box ? box.querySelector('input') : null);
      return;
    }
    var body = { answers: answers };
    var ticket = load(window.sessionStorage, ticketKey);
    if (ticket) { body.ticket = ticket; }
    var button = step('questions').querySelector('button[type="submit"]');
    button.disabled = true;
    call('POST', api + '/responses', body).then(function (result) {
      button.disabled = false;
      if (result.status === 201 || result.ok) {
        save(window.localStorage, answersKey, null);
        save(window.sessionStorage, ticketKey, null);
        window.location.replace('/s/thanks');
        return;
      }
      var code = result.body && result.body.code ? String(result.body.code) : '';
      if (result.status === 400 && (fieldOf(result.body) === 'ticket' || /ticket/i.test(code))) {
        // The ticket is used or expired: confirm the phone again, the answers stay.
        save(window.sessionStorage, ticketKey, null);
        show('phone');
        showError(problemText(result));
        return;
      }
      if (result.status === 409) {
        save(window.sessionStorage, ticketKey, null);
      }
      var named = result.status === 400 ? questionBox(fieldOf(result.body)) : null;
      if (named) { named.classList.add('invalid'); }
      showError(problemText(result), named ? named.querySelector('input') : null);
    }).catch(function () { button.disabled = false; offline(); });
  }

  step('phone').addEventListener('submit', function (event) { event.preventDefault(); requestCode(); });
  step('code').addEventListener('submit', function (event) { event.preventDefault(); verifyCode(); });
  step('code').querySelector('[data-action="resend"]').addEventListener('click', requestCode);
  step('code').querySelector('[data-action="change-phone"]').addEventListener('click', function () { clearError(); show('phone'); document.getElementById('survey-phone').focus(); });
  step('questions').addEventListener('submit', function (event) { event.preventDefault(); send(); });
  step('questions').addEventListener('change', function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'radio') { return; }
    answers[input.name] = JSON.parse(input.getAttribute('data-json'));
    save(window.localStorage, answersKey, answers);
    var box = questionBox(input.name);
    if (box) { box.classList.remove('invalid'); }
    progress();
  });

  call('GET', api).then(function (result) {
    if (!result.ok || !result.body) {
      part('loading').hidden = true;
      showError(problemText(result));
      return;
    }
    survey = result.body;
    var known = {};
    items().forEach(function (item) { known[item.code] = true; });
    Object.keys(answers).forEach(function (code) { if (!known[code]) { delete answers[code]; } });
    if (survey.notice) { part('notice').textContent = survey.notice; part('notice').hidden = false; }
    part('agency').textContent = [survey.agency, survey.instrumentName || survey.instrument,
      survey.fiscalYear ? t('ปีงบประมาณ พ.ศ. ', 'FY') + survey.fiscalYear : ''].filter(Boolean).join(' · ');
    begin();
  }).catch(function () { part('loading').hidden = true; offline(); });
}());
