/* snapcheck's HTML report: filtering the matrix by result, group and
 * id.  The state lives in the URL's fragment (#result=fail&group=disk&id=raw),
 * so that a filtered view can be bookmarked and shared; it works from
 * file:// and without a server.  Without script the whole matrix shows. */
(function () {
  'use strict';

  function start() {
    var form = document.getElementById('filter');
    var table = document.getElementById('matrix');
    if (!form || !table)
      return;
    var fields = { result: form.elements.result, group: form.elements.group, id: form.elements.id };
    var rows = Array.prototype.slice.call(table.querySelectorAll('tr.case'));
    var groups = Array.prototype.slice.call(table.tBodies);
    var shown = document.getElementById('shown');

    function state() {
      var p = new URLSearchParams(location.hash.slice(1));
      return { result: p.get('result') || '', group: p.get('group') || '', id: p.get('id') || '' };
    }

    function apply() {
      var s = state(), n = 0, needle = s.id.toLowerCase();
      Object.keys(fields).forEach(function (k) {
        if (fields[k].value !== s[k])
          fields[k].value = s[k];
      });
      rows.forEach(function (tr) {
        var ok = (!s.group || tr.dataset.group === s.group) &&
          (!s.result || tr.dataset.results.split(' ').indexOf(s.result) >= 0) &&
          (!needle || tr.dataset.id.toLowerCase().indexOf(needle) >= 0);
        tr.hidden = !ok;
        if (ok)
          n++;
      });
      groups.forEach(function (tb) {
        tb.hidden = !tb.querySelector('tr.case:not([hidden])');
      });
      shown.textContent = n + ' of ' + rows.length + ' cases';
    }

    function store() {
      var p = new URLSearchParams();
      Object.keys(fields).forEach(function (k) {
        if (fields[k].value)
          p.set(k, fields[k].value);
      });
      var hash = p.toString();
      history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
      apply();
    }

    form.addEventListener('input', store);
    form.addEventListener('change', store);
    form.addEventListener('submit', function (e) { e.preventDefault(); store(); });
    window.addEventListener('hashchange', apply);
    apply();
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
})();
