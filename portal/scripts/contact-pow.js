// "Kontakta oss": a small proof of work (hashcash) computed in the background while the person writes,
// so a program posting the form in bulk pays in CPU time what a person does not notice. SHA-256 of
// "<stamp>:<nonce>" must start with data-pow-bits zero bits; the server checks the nonce it is given.
// Without JavaScript (or without crypto.subtle) the field stays empty and the form still works: the
// server then relies on the minimum fill time and the rate limits alone.
(function () {
  'use strict';
  var form = document.querySelector('form[data-pow-bits]');
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var bits = Number(form.getAttribute('data-pow-bits'));
  var stamp = form.querySelector('input[name="stamp"]');
  var pow = form.querySelector('input[name="pow"]');
  if (!stamp || !pow || !(bits > 0)) return;
  var encoder = new TextEncoder();
  var done = false;
  var waiting = false;

  function zeroBits(bytes) {
    var n = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { n += 8; continue; }
      return n + Math.clz32(bytes[i]) - 24;
    }
    return n;
  }

  function search(nonce) {
    // A batch at a time, so the page stays responsive.
    var batch = [];
    for (var i = 0; i < 256; i++) batch.push(crypto.subtle.digest('SHA-256', encoder.encode(stamp.value + ':' + (nonce + i))));
    return Promise.all(batch).then(function (digests) {
      for (var j = 0; j < digests.length; j++) {
        if (zeroBits(new Uint8Array(digests[j])) >= bits) return nonce + j;
      }
      return search(nonce + 256);
    });
  }

  search(0).then(function (nonce) {
    pow.value = String(nonce);
    done = true;
    if (waiting) form.requestSubmit ? form.requestSubmit() : form.submit();
  });

  // Sent before the proof is ready: held until it is, a moment at most.
  form.addEventListener('submit', function (event) {
    if (done) return;
    event.preventDefault();
    waiting = true;
  });
})();
