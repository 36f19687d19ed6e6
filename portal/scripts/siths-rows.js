// Beställning av SITHS-kort (portal/pages/siths-rows.tsx): "Lägg till ny rad" and "Ta bort" change the
// rows in place instead of sending the form. Without this script the same buttons send the form and
// the server does the same (portal/new-case-form.ts applyRowChange): the same limits, words and focus.
// Rows are renumbered after each change, so the field names stay rows.0…rows.N-1 and each label
// says its row ("Personnummer, rad 2"); what happened is said in the live region.
(function () {
  'use strict';
  var table = document.querySelector('table[data-siths-rows]');
  var template = document.getElementById('siths-rad-mall');
  var status = document.getElementById('siths-rader-status');
  var form = table && table.closest('form');
  if (!table || !template || !status || !form || !('content' in template)) return;

  var body = table.tBodies[0];
  var max = Number(table.getAttribute('data-max')) || 50;
  var addButton = form.querySelector('button[name="rad"][value="lagg-till"]');
  var ATTRIBUTES = ['id', 'name', 'for', 'aria-describedby'];

  function rows() {
    return Array.prototype.slice.call(body.querySelectorAll('tr[data-row]'));
  }

  // Every id, name and reference in a row carries its index (rows.3.email, falt-rows.3.email-fel).
  function renumber() {
    var all = rows();
    var moved = {};
    all.forEach(function (row, index) {
      var before = /rows\.(\d+)$/.exec(row.id);
      if (before && !row.hasAttribute('data-ny')) moved[before[1]] = index;
      row.removeAttribute('data-ny');
      var elements = [row].concat(Array.prototype.slice.call(row.querySelectorAll('*')));
      elements.forEach(function (el) {
        ATTRIBUTES.forEach(function (attribute) {
          var value = el.getAttribute(attribute);
          if (value) el.setAttribute(attribute, value.replace(/\brows\.\d+/g, 'rows.' + index));
        });
      });
      row.querySelectorAll('[data-row-number]').forEach(function (el) {
        el.textContent = String(index + 1);
      });
      var remove = row.querySelector('button[name="rad"]');
      remove.value = 'ta-bort-' + (index + 1);
      remove.hidden = all.length === 1;
    });
    followInSummary(moved);
  }

  // The error summary (portal/forms.tsx ErrorSummary) links to row fields by index: it follows the
  // rows that moved and drops what was said about a row taken away, counting again.
  function followInSummary(moved) {
    var summary = document.getElementById('felsammanfattning');
    if (!summary) return;
    summary.querySelectorAll('a[href^="#falt-rows."]').forEach(function (link) {
      var target = /^#falt-rows\.(\d+)(.*)$/.exec(link.getAttribute('href'));
      if (!target) return;
      var to = moved[target[1]];
      if (to === undefined) {
        link.closest('li').remove();
        return;
      }
      link.setAttribute('href', '#falt-rows.' + to + target[2]);
      link.textContent = link.textContent.replace(/^Rad \d+:/, 'Rad ' + (to + 1) + ':');
    });
    var left = summary.querySelectorAll('li').length;
    var count = left === 1 ? '1 uppgift behöver rättas' : left + ' uppgifter behöver rättas';
    if (left === 0) summary.hidden = true;
    else summary.querySelector('h2').textContent = count;
    document.title = document.title.replace(/^Fel: \d+ uppgifter? behöver rättas – /, left === 0 ? '' : 'Fel: ' + count + ' – ');
  }

  function say(text) {
    // Emptied first, so the same words are read again the next time.
    status.textContent = '';
    setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function firstField(row) {
    return row.querySelector('input, select');
  }

  function add() {
    if (rows().length >= max) {
      say('Du kan beställa högst ' + max + ' kort i ett ärende.');
      return;
    }
    var row = template.content.querySelector('tr[data-row]').cloneNode(true);
    row.setAttribute('data-ny', '');
    row.querySelectorAll('[autofocus]').forEach(function (el) {
      el.removeAttribute('autofocus');
    });
    body.appendChild(row);
    renumber();
    firstField(row).focus();
    say('Rad ' + rows().length + ' är tillagd.');
  }

  function remove(index) {
    var all = rows();
    if (all.length <= 1 || !all[index]) return;
    all[index].remove();
    renumber();
    var left = rows();
    var next = left[index];
    if (next) firstField(next).focus();
    else addButton.focus();
    say('Rad ' + (index + 1) + ' är borttagen. ' + (left.length === 1 ? '1 rad' : left.length + ' rader') + ' kvar.');
  }

  form.addEventListener('click', function (event) {
    var button = event.target.closest('button[name="rad"]');
    if (!button || !form.contains(button)) return;
    var removing = /^ta-bort-(\d+)$/.exec(button.value);
    if (button.value !== 'lagg-till' && !removing) return;
    event.preventDefault();
    if (removing) remove(Number(removing[1]) - 1);
    else add();
  });
})();
