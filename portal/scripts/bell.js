// Keeps the header's bell ("Notiser (N olästa)", portal/layout.tsx) fresh: asks the JSON API for the
// unread count every minute while the tab is shown and as soon as it is shown again, and says politely,
// through a live region, when new notifications have come. Polls say they are not the person's
// activity, so an open tab does not keep an idle session alive.
(function () {
  'use strict';
  var link = document.querySelector('a.kp-bell[data-unread-url]');
  var text = link && link.querySelector('.kp-bell__text');
  var news = document.getElementById('kp-bell-nytt');
  var shown = link ? Number(link.getAttribute('data-unread')) : NaN;
  if (!text || !news || !(shown >= 0)) return;

  var EVERY_MS = 60 * 1000;
  var url = link.getAttribute('data-unread-url');
  var timer;

  // The same words as bellText in portal/layout.tsx.
  function label(n) {
    return 'Notiser (' + (n === 1 ? '1 oläst' : n + ' olästa') + ')';
  }
  function announcement(added) {
    return added === 1 ? 'Du har fått en ny notis.' : 'Du har fått ' + added + ' nya notiser.';
  }

  function show(unread) {
    if (unread === shown) return;
    var added = unread - shown;
    shown = unread;
    text.textContent = label(unread);
    link.setAttribute('data-unread', String(unread));
    // Only a rise is news; emptied first so the same words are read again the next time.
    if (added > 0) {
      news.textContent = '';
      setTimeout(function () {
        news.textContent = announcement(added);
      }, 100);
    }
  }

  function refresh() {
    if (document.visibilityState !== 'visible') return;
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Background-Poll': '1' } })
      .then(function (res) {
        // Logged out or the session ended: nothing more to count on this page.
        if (res.status === 401 || res.status === 403) clearInterval(timer);
        return res.ok ? res.json() : undefined;
      })
      .then(function (answer) {
        if (answer && typeof answer.unread === 'number' && answer.unread >= 0) show(answer.unread);
      })
      .catch(function () {
        // Offline for a moment: the next poll tries again.
      });
  }

  timer = setInterval(refresh, EVERY_MS);
  document.addEventListener('visibilitychange', refresh);
})();
