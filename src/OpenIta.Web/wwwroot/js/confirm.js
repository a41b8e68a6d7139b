// Destructive forms (data-confirm): ask in the browser before posting and, when the answer is yes, post straight to the
// confirmed step. Without this script the server asks on a page of its own (the same question, a second POST), so the
// confirmation never depends on JavaScript; this only saves a page.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-confirm')) { return; }
    if (form.querySelector('input[name="confirmed"]')) { return; }
    if (!window.confirm(form.getAttribute('data-confirm'))) {
      event.preventDefault();
      return;
    }
    var confirmed = document.createElement('input');
    confirmed.type = 'hidden';
    confirmed.name = 'confirmed';
    confirmed.value = 'yes';
    form.appendChild(confirmed);
  });
})();
