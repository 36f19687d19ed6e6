// A form marked data-submit-once is sent once: a double click's second submit is dropped in the
// browser. The server already acts once per key (the form's key per intent); this keeps the browser
// from replacing the first answer with the second, which matters where the first answer is shown
// only once (a new API key's secret). Sent again after the page is restored from the back/forward cache.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-submit-once')) return;
    if (form.getAttribute('data-sent') === 'ja') event.preventDefault();
    else if (!event.defaultPrevented) form.setAttribute('data-sent', 'ja');
  });
  window.addEventListener('pageshow', function () {
    var sent = document.querySelectorAll('form[data-submit-once][data-sent]');
    for (var i = 0; i < sent.length; i++) sent[i].removeAttribute('data-sent');
  });
})();
