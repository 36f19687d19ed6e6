// Two minutes before an idle session ends, opens the page's warning dialog (rendered by portal/layout.tsx)
// so the person can stay logged in (WCAG 2.2.1); when the time is up, shows the page that says the
// session ended. Before either, the server is asked for the time left: another tab may have been in use.
// Without this script the person simply meets that page at their next request.
(function () {
  'use strict';
  var dialog = document.getElementById('kp-session-varning');
  var body = document.body;
  var left = Number(body.getAttribute('data-session-left'));
  var idle = Number(body.getAttribute('data-session-idle'));
  if (!dialog || typeof dialog.showModal !== 'function' || !body.hasAttribute('data-session-left') || !(left >= 0) || !(idle > 0)) return;

  var WARN_MS = 2 * 60 * 1000;
  var keepAlive = dialog.querySelector('form[data-keep-alive]');
  var csrf = keepAlive.querySelector('input[name="csrf"]').value;
  var deadline = Date.now() + left * 1000;
  var timer;
  var busy = false;

  function schedule() {
    clearTimeout(timer);
    var wait = (dialog.open ? deadline : deadline - WARN_MS) - Date.now();
    // setTimeout counts in a signed 32-bit integer.
    timer = setTimeout(check, Math.min(Math.max(wait, 0), 0x7fffffff));
  }

  /** Seconds left by the server (0: ended), or undefined when it cannot be asked. */
  function askServer() {
    return fetch(dialog.getAttribute('data-time-left-url'), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Background-Poll': '1' },
    })
      .then(function (res) {
        return res.ok ? res.json() : undefined;
      })
      .then(function (answer) {
        return answer && typeof answer.secondsLeft === 'number' ? answer.secondsLeft : undefined;
      })
      .catch(function () {
        return undefined;
      });
  }

  function end() {
    clearTimeout(timer);
    var back = location.pathname + location.search;
    location.assign(dialog.getAttribute('data-ended-url') + '?tillbaka=' + encodeURIComponent(back));
  }

  function check() {
    if (busy) return;
    busy = true;
    askServer().then(function (seconds) {
      busy = false;
      if (seconds !== undefined) deadline = Date.now() + seconds * 1000;
      var rest = deadline - Date.now();
      if (rest <= 0) return end();
      if (rest <= WARN_MS && !dialog.open) open();
      else if (rest > WARN_MS && dialog.open) dialog.close();
      schedule();
    });
  }

  function open() {
    dialog.showModal();
    // showModal focuses the first button already; said here so it never depends on the markup's order.
    keepAlive.querySelector('button').focus();
  }

  function stay() {
    fetch(keepAlive.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf },
    })
      .then(function (res) {
        if (res.status === 401) return end();
        // Logged in anew in another tab: this page's token is stale, and a fresh copy of it is not.
        if (res.status === 403) return location.reload();
        if (!res.ok) throw new Error('keep-alive ' + res.status);
        deadline = Date.now() + idle * 1000;
        if (dialog.open) dialog.close();
        schedule();
      })
      .catch(function () {
        // No answer: the plain form does the same, and the server says where to go.
        keepAlive.elements.namedItem('tillbaka').value = location.pathname + location.search;
        keepAlive.submit();
      });
  }

  keepAlive.addEventListener('submit', function (event) {
    event.preventDefault();
    stay();
  });
  // Escape closes the dialog: the person is clearly there, so it counts as staying.
  dialog.addEventListener('cancel', function (event) {
    event.preventDefault();
    stay();
  });
  // Timers sleep in a hidden tab; coming back, look again at once.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && deadline - Date.now() <= WARN_MS) check();
  });
  schedule();
})();
