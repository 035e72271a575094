// bitext's side-by-side view: filters (summary links, "only marked rows", search) and the
// hide-a-language switches. Without script the page shows everything.
(function () {
  var body = document.body;
  var rows = Array.prototype.slice.call(document.querySelectorAll('.row'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.turn, .sec'));
  var filter = '';
  var search = document.getElementById('search');
  var only = document.getElementById('only-flagged');
  function apply() {
    var q = search ? search.value.trim().toLowerCase() : '';
    rows.forEach(function (row) {
      var show = true;
      if (filter) show = row.classList.contains(filter);
      if (show && only && only.checked) show = row.classList.contains('marked');
      if (show && q) show = row.textContent.toLowerCase().indexOf(q) >= 0;
      row.hidden = !show;
    });
    // A heading (section, speaker) is shown only above rows still shown.
    groups.forEach(function (g) { g.hidden = !g.querySelector('.row:not([hidden])'); });
    document.querySelectorAll('.summary a[data-filter]').forEach(function (a) {
      a.classList.toggle('on', a.getAttribute('data-filter') === filter && filter !== '');
    });
  }
  document.querySelectorAll('.summary a[data-filter]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      var f = a.getAttribute('data-filter');
      filter = (f === filter || f === 'row') ? '' : f;
      apply();
      var first = document.querySelector('.row:not([hidden])');
      if (first && filter) first.scrollIntoView({ block: 'start' });
    });
  });
  if (only) only.addEventListener('change', apply);
  if (search) search.addEventListener('input', apply);
  ['hide-en', 'hide-zh'].forEach(function (id) {
    var box = document.getElementById(id);
    if (box) box.addEventListener('change', function () { body.classList.toggle(id, box.checked); });
  });
})();
