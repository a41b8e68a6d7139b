// The result form (Features/Results/Edit.cshtml): builds the score input from the fields as the server does
// (ResultForm.Apply: a number where one is typed, the text otherwise, an empty field removed) and shows the total and
// rating the scoring API computes, as one types. Saving is an ordinary form post; this script only previews.
(function () {
  'use strict';
  var form = document.querySelector('form[data-score-form]');
  var panel = document.getElementById('live-score');
  if (!form || !panel) { return; }
  var english = form.getAttribute('data-lang') === 'en';
  var t = function (th, en) { return english ? en : th; };
  var base = {};
  try { base = JSON.parse(form.getAttribute('data-base') || '{}'); } catch (e) { base = {}; }
  var fields = Array.prototype.slice.call(form.querySelectorAll('[data-field]'));
  var live = function (name) { return panel.querySelector('[data-live="' + name + '"]'); };
  var timer = null;
  var latest = 0;

  function numberOrText(text) {
    return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }

  function findKey(object, name) {
    var wanted = name.toLowerCase();
    var keys = Object.keys(object);
    for (var i = 0; i < keys.length; i++) { if (keys[i].toLowerCase() === wanted) { return keys[i]; } }
    return null;
  }

  function prune(object) {
    Object.keys(object).forEach(function (key) {
      var child = object[key];
      if (child && typeof child === 'object' && !Array.isArray(child)) {
        prune(child);
        if (Object.keys(child).length === 0) { delete object[key]; }
      }
    });
  }

  function build() {
    var input = JSON.parse(JSON.stringify(base));
    fields.forEach(function (field) {
      var path = field.getAttribute('data-field').split('.');
      var text = field.value.trim();
      var parent = input;
      for (var i = 0; i < path.length - 1 && parent; i++) {
        var existing = findKey(parent, path[i]);
        if (existing === null && text !== '') { parent[path[i]] = {}; existing = path[i]; }
        parent = existing === null ? null : parent[existing];
      }
      if (!parent) { return; }
      var key = findKey(parent, path[path.length - 1]) || path[path.length - 1];
      if (text === '') { delete parent[key]; } else { parent[key] = field.getAttribute('data-kind') === 'text' ? text : numberOrText(text); }
    });
    prune(input);
    return input;
  }

  function show(name, text, className) {
    var element = live(name);
    if (!element) { return; }
    element.textContent = text;
    if (className !== undefined) { element.className = className; }
  }

  function clearMarks() {
    fields.forEach(function (field) { field.removeAttribute('aria-invalid'); field.parentElement.classList.remove('invalid'); });
  }

  function showError(message, field) {
    var box = live('error');
    box.textContent = message;
    box.hidden = false;
    if (field) {
      fields.forEach(function (input) {
        if (input.getAttribute('data-field').toLowerCase() === field.toLowerCase()) {
          input.setAttribute('aria-invalid', 'true');
          input.parentElement.classList.add('invalid');
        }
      });
    }
  }

  // "ผ่าน, ผ่านดี หรือ ผ่านดีเยี่ยม": the levels an open rating could be, as the server words them (RatingWording).
  function orList(names) {
    return names.length < 2 ? names.join('') : names.slice(0, -1).join(', ') + t(' หรือ ', ' or ') + names[names.length - 1];
  }

  function render(card) {
    live('idle').hidden = true;
    live('error').hidden = true;
    show('total', card.totalDisplay || '–');
    var possible = card.possibleRatings || [];
    show('rating', card.rating ? (english ? card.rating.en : card.rating.th)
      : possible.length > 0 && card.ratingDecidedBy
        ? orList(possible.map(function (level) { return english ? level.en : level.th; }))
          + ': ' + (english ? card.ratingDecidedBy.en : card.ratingDecidedBy.th)
        : '–');
    if (card.passed === true) { show('passed', t('ผ่าน', 'pass'), 'pass'); }
    else if (card.passed === false) { show('passed', t('ไม่ผ่าน', 'not passed'), 'fail'); }
    else { show('passed', '–', ''); }
    var list = live('instruments');
    list.textContent = '';
    Object.keys(card.instruments || {}).forEach(function (code) {
      var instrument = card.instruments[code];
      var item = document.createElement('li');
      item.textContent = code + ': ' + (instrument.display || (instrument.reason ? t('ไม่ได้ประเมิน', 'not scored') : '–'));
      list.appendChild(item);
    });
    var flags = live('discrepancies');
    var discrepancies = card.discrepancies || [];
    flags.hidden = discrepancies.length === 0;
    flags.textContent = discrepancies.map(function (d) {
      return '⚑ ' + t(d.label || d.field, d.labelEn || d.field) + ': ' + t('เผยแพร่ ', 'published ') + d.published + ', ' + t('คำนวณได้ ', 'computed ') + (d.computedDisplay || d.computed);
    }).join('\n');
  }

  function problemOf(body) {
    if (!body || typeof body !== 'object') { return { message: t('คำนวณไม่ได้', 'Cannot compute'), field: null }; }
    var message = body.detail || body.title || t('คำนวณไม่ได้', 'Cannot compute');
    var field = body.field || null;
    if (!field && body.errors && typeof body.errors === 'object') { field = Object.keys(body.errors)[0] || null; }
    if (!field) { var match = /^([A-Za-z0-9_.]+):/.exec(message); if (match) { field = match[1]; } }
    return { message: message, field: field };
  }

  function score() {
    var request = ++latest;
    clearMarks();
    fetch('/api/v1/score', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(build())
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (request !== latest) { return; }
        if (response.ok && body) { render(body); return; }
        if (response.status === 404 || response.status === 405) {
          showError(t('ยังคำนวณทันทีไม่ได้ ผลจะคำนวณเมื่อกดบันทึก', 'Live scoring is not available; the result is computed when you save.'), null);
          return;
        }
        var problem = problemOf(body);
        show('total', '–'); show('rating', '–'); show('passed', '–', '');
        live('instruments').textContent = '';
        live('discrepancies').hidden = true;
        showError(problem.message, problem.field);
      });
    }).catch(function () {
      if (request === latest) { showError(t('เชื่อมต่อไม่ได้', 'No connection'), null); }
    });
  }

  form.addEventListener('input', function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(score, 300);
  });
  if (fields.some(function (field) { return field.value.trim() !== ''; })) { score(); }
}());
