// The round page (Features/Surveys/Rounds/Round.cshtml): while the round is open, the responses per instrument and what
// is still needed are read again every data-every seconds (Surveys:LiveSeconds, 15) from the assessment API (GET /api/v1/agencies/{slug}/assessments/{year},
// "responses": {"IIT": n, …}), so a coordinator watching the page sees the counts move without reloading.
(function () {
  'use strict';
  var section = document.getElementById('counts');
  if (!section || !section.querySelector('[data-live-note]')) { return; }
  var english = section.getAttribute('data-lang') === 'en';
  var url = section.getAttribute('data-live');
  var every = (parseInt(section.getAttribute('data-every'), 10) || 15) * 1000;
  var format = function (n) { return Number(n).toLocaleString('en-US'); };

  function update(body) {
    var responses = (body && body.responses) || {};
    Object.keys(responses).forEach(function (code) {
      var count = section.querySelector('[data-count="' + code + '"]');
      if (!count) { return; }
      var n = responses[code];
      if (count.firstChild && count.firstChild.nodeType === 3) { count.firstChild.nodeValue = format(n); } else { count.insertBefore(document.createTextNode(format(n)), count.firstChild); }
      var row = count.closest('tr');
      var minimum = row && row.querySelector('[data-minimum]');
      var remaining = section.querySelector('[data-remaining="' + code + '"]');
      var min = minimum ? parseInt(minimum.getAttribute('data-minimum'), 10) : NaN;
      if (remaining && !isNaN(min)) { remaining.textContent = n >= min ? (english ? 'reached' : 'ครบแล้ว') : format(min - n); }
    });
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body) { update(body); } })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { setTimeout(poll, every); });
  }
  setTimeout(poll, every);
}());
