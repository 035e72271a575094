// bitext review workbench. The server owns the data and the rules; this page only asks.
// Every corpus string reaches the page through textContent or a text node: never parsed as HTML.
"use strict";

const KEYS = [
  ["j / ↓", "next row"],
  ["k / ↑", "previous row"],
  ["n", "next unreviewed row"],
  ["f", "next row with a finding (of the severities shown)"],
  ["i", "show or hide info findings (errors and warnings are shown by default)"],
  ["c / Enter", "confirm the row (again: unconfirm)"],
  ["m", "merge the row with the next"],
  ["s", "split the row (←/→ Chinese, ↑/↓ English, Enter to split, Esc to cancel)"],
  ["[ / ]", "move a Chinese sentence to the previous / next row"],
  ["{ / }", "move an English unit to the previous / next row"],
  ["x", "mark the Chinese untranslated (no English)"],
  ["X", "detach the English (no Chinese)"],
  ["e", "edit the Chinese"],
  ["a", "accept a finding on the row"],
  ["t", "add the selected (or typed) term to the glossary"],
  ["o", "open the video at the row's time"],
  ["u / Ctrl+Z", "undo"],
  ["U / Ctrl+Y", "redo"],
  ["/", "search"],
  ["Shift+E", "export the views and the confirmed-only TMX"],
  ["?", "this list"],
  ["Esc", "close, cancel"],
];

const $ = (id) => document.getElementById(id);

const state = {
  token: null,
  name: null,
  view: null,
  selected: 0, // row index in view.rows
  sentence: 0, // the Chinese sentence picked in the selected row
  split: null, // {zh, en} while splitting
  busy: false,
  pickZh: "",
  pickEn: "",
};

// ---- talking to the server ----

function secret() {
  const m = /(?:^#|&)token=([0-9a-f]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem("bitext-token", m[1]);
    history.replaceState(null, "", location.pathname);
  }
  return sessionStorage.getItem("bitext-token");
}

async function api(method, path, body) {
  const init = { method, headers: { "X-Bitext-Token": state.token || "" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  let data = null;
  try {
    data = await res.json();
  } catch (_) {
    data = { error: "error", message: `${res.status} ${res.statusText}` };
  }
  if (!res.ok) {
    const err = new Error(data.message || `${res.status}`);
    err.kind = data.error;
    err.status = res.status;
    throw err;
  }
  return data;
}

function base() {
  return `/api/c/${encodeURIComponent(state.name)}`;
}

function showError(err) {
  if (err.kind === "stale") {
    // The page acted on rows it no longer shows (a correction's alignment settled in the
    // background, or another tab saved): nothing was written; show the rows as they are.
    refreshAfterStale(err);
  } else if (err.status === 409) {
    banner(err.message, true);
  } else if (err.status === 401) {
    banner(err.message + ".", false);
  } else {
    banner(err.message, false);
  }
}

async function refreshAfterStale(err) {
  try {
    draw(await api("GET", base()));
    banner(
      "The rows changed before that action reached the server (the alignment settled after a " +
        "correction, or another tab saved); nothing was changed. The page now shows the rows " +
        "as they are: check the row and repeat the action if it is still needed.",
      false,
    );
  } catch (e) {
    banner(err.message, true);
  }
}

function banner(text, offerReload) {
  $("banner-text").textContent = text;
  $("banner-reload").hidden = !offerReload;
  $("banner").hidden = false;
  placeBanner();
}

// The banner sticks just under the bar, whose height depends on how its tools wrap.
function placeBanner() {
  $("banner").style.top = `${$("bar").offsetHeight}px`;
}
window.addEventListener("resize", placeBanner);

function status(text) {
  $("status").textContent = text;
}

// Sends one change; the answer carries the new view, drawn at once.
async function change(path, body, what) {
  if (state.busy || !state.view) return;
  state.busy = true;
  document.body.classList.add("busy");
  const t0 = performance.now();
  try {
    const res = await api("POST", base() + path, { revision: state.view.revision, ...body });
    const ms = Math.round(performance.now() - t0);
    const files = res.applied.changed_files.map((p) => p.split("/").pop()).join(", ");
    let line = `${res.applied.message || what} · saved${files ? " to " + files : ""} in ${ms} ms`;
    if (res.applied.stale && res.applied.stale.length) {
      line += ` · ${res.applied.stale.length} stale link(s): ${res.applied.stale.join(" | ")}`;
    }
    status(line);
    document.body.dataset.lastMs = String(ms);
    draw(res.view);
    $("banner").hidden = true;
  } catch (err) {
    showError(err);
  } finally {
    state.busy = false;
    document.body.classList.remove("busy");
    document.body.dataset.revision = state.view ? String(state.view.revision) : "";
  }
}

function act(action, what) {
  return change("/actions", { action }, what);
}

async function reload() {
  try {
    const view = await api("POST", base() + "/reload", {});
    draw(view);
    $("banner").hidden = true;
    status("reloaded from disk");
  } catch (err) {
    showError(err);
  }
}

// ---- drawing ----

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function clock(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function videoUrl(row) {
  if (!state.view.video || row.start_ms == null) return null;
  const v = encodeURIComponent(state.view.video);
  return `https://www.youtube.com/watch?v=${v}&t=${Math.floor(row.start_ms / 1000)}s`;
}

// The text with the glossary's forms marked: text nodes and <mark> elements only.
function marked(text, forms, caseless) {
  const frag = document.createDocumentFragment();
  const hay = caseless ? text.toLowerCase() : text;
  const hits = [];
  for (const f of forms) {
    const needle = caseless ? f.form.toLowerCase() : f.form;
    if (!needle) continue;
    let at = hay.indexOf(needle);
    while (at !== -1) {
      const end = at + needle.length;
      const wordy = caseless && (/\w/.test(hay[at - 1] || "") || /\w/.test(hay[end] || ""));
      if (!wordy) hits.push([at, end, f]);
      at = hay.indexOf(needle, end);
    }
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let pos = 0;
  for (const [start, end, f] of hits) {
    if (start < pos) continue;
    if (start > pos) frag.appendChild(document.createTextNode(text.slice(pos, start)));
    const m = el("mark", "term " + f.status, text.slice(start, end));
    m.title = `glossary (${f.status}): ${f.other}`;
    frag.appendChild(m);
    pos = end;
  }
  if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
  return frag;
}

function termForms(view) {
  const zh = [];
  const en = [];
  for (const t of view.terms || []) {
    if (t.status === "deprecated") continue;
    for (const f of t.zh) zh.push({ form: f, status: t.status, other: t.en.join(" / ") });
    for (const f of t.en) en.push({ form: f, status: t.status, other: t.zh.join(" / ") });
  }
  const longest = (a, b) => b.form.length - a.form.length;
  return { zh: zh.sort(longest), en: en.sort(longest) };
}

function visible(row) {
  const filter = $("filter").value;
  if (filter === "unreviewed" && row.confirmed) return false;
  if (filter === "doubtful" && !row.doubtful) return false;
  if (filter === "findings" && !openFindings(row).length) return false;
  if (filter === "onesided" && !(row.flags.includes("zh-only") || row.flags.includes("en-only")))
    return false;
  const speaker = $("speaker").value;
  if (speaker && row.speaker !== speaker) return false;
  const section = $("section").value;
  if (section && row.section !== section) return false;
  const q = $("search").value.trim().toLowerCase();
  if (q && !row.zh.toLowerCase().includes(q) && !row.en.toLowerCase().includes(q)) return false;
  return true;
}

function findingsById() {
  const map = new Map();
  for (const f of state.view.findings) map.set(f.id, f);
  return map;
}

// The severities the reviewer asked to see: errors and warnings unless info is asked for.
const SEVERITIES = ["error", "warning", "info"];

function shownSeverity(f) {
  const box = $("sev-" + (f.severity === "warn" ? "warning" : f.severity));
  return box ? box.checked : true;
}

function openFindings(row) {
  const byId = state.byId || new Map();
  return row.findings.map((id) => byId.get(id)).filter((f) => f && !f.accepted && shownSeverity(f));
}

function loadSeverities() {
  try {
    const saved = JSON.parse(localStorage.getItem("bitext-severities") || "null");
    if (Array.isArray(saved)) for (const s of SEVERITIES) $("sev-" + s).checked = saved.includes(s);
  } catch (_) {
    // A damaged setting: keep the defaults.
  }
}

function severitiesChanged() {
  const on = SEVERITIES.filter((s) => $("sev-" + s).checked);
  localStorage.setItem("bitext-severities", JSON.stringify(on));
  if (!state.view) return;
  status(`findings shown: ${on.join(", ") || "none"}`);
  drawRows();
  drawFindings();
  updateActions();
}

function fillSelect(select, values, anyLabel) {
  const keep = select.value;
  select.replaceChildren(el("option", null, anyLabel));
  select.firstChild.value = "";
  for (const v of values) {
    const o = el("option", null, v);
    o.value = v;
    select.appendChild(o);
  }
  select.value = values.includes(keep) ? keep : "";
}

function draw(view) {
  const anchor = document.querySelector(".row.selected");
  const before = anchor ? anchor.getBoundingClientRect().top : null;
  state.view = view;
  state.byId = findingsById();
  state.split = null;
  document.body.dataset.revision = String(view.revision);
  $("corpus-title").textContent = view.title || view.name;
  document.title = `${view.name} · bitext review`;
  $("progress-text").textContent = `${view.progress.reviewed} / ${view.progress.total} reviewed`;
  $("progress").max = Math.max(1, view.progress.total);
  $("progress").value = view.progress.reviewed;
  const speakers = [...new Set(view.rows.map((r) => r.speaker).filter(Boolean))];
  const sections = [...new Set(view.rows.map((r) => r.section).filter(Boolean))];
  fillSelect($("speaker"), speakers, "Any speaker");
  fillSelect($("section"), sections, "Any section");
  $("speaker").hidden = speakers.length === 0;
  $("section").hidden = sections.length === 0;
  state.selected = Math.min(state.selected, Math.max(0, view.rows.length - 1));
  drawRows();
  drawFindings();
  updateActions();
  const now = document.querySelector(".row.selected");
  if (now && before !== null) window.scrollBy(0, now.getBoundingClientRect().top - before);
}

function drawRows() {
  const view = state.view;
  const forms = termForms(view);
  const main = $("rows");
  const frag = document.createDocumentFragment();
  let section = null;
  let shown = 0;
  view.rows.forEach((row, i) => {
    if (!visible(row)) return;
    shown++;
    if (row.section && row.section !== section) {
      frag.appendChild(el("h2", "section-head", row.section));
    }
    // A row without a section (an English-only row, say) does not end the section.
    section = row.section || section;
    frag.appendChild(drawRow(row, i, forms));
  });
  if (!shown) frag.appendChild(el("p", "empty", "No row matches the filters."));
  main.replaceChildren(frag);
}

function drawRow(row, i, forms) {
  const div = el("div", "row");
  div.dataset.index = String(i);
  div.classList.toggle("confirmed", row.confirmed);
  div.classList.toggle("doubtful", row.doubtful);
  div.classList.toggle("heading", row.flags.includes("heading"));
  div.classList.toggle("selected", i === state.selected);
  const open = openFindings(row);
  div.classList.toggle("has-findings", open.length > 0);

  const meta = el("div", "meta");
  const url = videoUrl(row);
  if (row.start_ms != null) {
    const t = el(url ? "a" : "span", "time", clock(row.start_ms));
    if (url) {
      t.href = url;
      t.target = "_blank";
      t.rel = "noopener noreferrer";
      t.title = "Open the video at this time (o)";
    }
    meta.appendChild(t);
  }
  if (row.speaker) meta.appendChild(el("span", "speaker", row.speaker));
  const mark = el("span", "state", row.confirmed ? "✓ confirmed" : "");
  meta.appendChild(mark);
  // A one-sided row has no pairing to score: its 0.00 would read as "doubtful".
  if (row.score != null && row.zh && row.en) {
    const s = el("span", "score", row.score.toFixed(2));
    s.title = row.doubtful ? "doubtful alignment score" : "alignment score";
    meta.appendChild(s);
  }
  div.appendChild(meta);

  const zh = el("div", "zh");
  zh.lang = "zh-CN";
  row.zh_sentences.forEach((s, k) => {
    if (state.split && i === state.selected && k === state.split.zh) zh.appendChild(el("span", "cut"));
    const span = el("span", "sent");
    span.dataset.k = String(k);
    if (i === state.selected && k === state.sentence) span.classList.add("picked");
    span.appendChild(marked(s, forms.zh, false));
    zh.appendChild(span);
  });
  if (!row.zh_sentences.length) zh.appendChild(el("span", "none", "no Chinese"));
  if (state.split && i === state.selected && state.split.zh === row.zh_sentences.length)
    zh.appendChild(el("span", "cut"));
  div.appendChild(zh);

  const en = el("div", "en");
  en.lang = "en";
  row.en_units.forEach((u, k) => {
    if (state.split && i === state.selected && k === state.split.en) en.appendChild(el("span", "cut"));
    const span = el("span", "unit");
    span.dataset.k = String(k);
    span.appendChild(marked(u, forms.en, true));
    en.appendChild(span);
    en.appendChild(document.createTextNode(" "));
  });
  if (!row.en_units.length) en.appendChild(el("span", "none", "no English"));
  if (state.split && i === state.selected && state.split.en === row.en_units.length)
    en.appendChild(el("span", "cut"));
  div.appendChild(en);

  if (open.length) {
    const list = el("ul", "row-findings");
    for (const f of open) {
      const li = el("li", "finding " + f.severity);
      li.appendChild(el("span", "kind", f.kind));
      li.appendChild(document.createTextNode(" " + f.message));
      list.appendChild(li);
    }
    div.appendChild(list);
  }

  return div;
}

// The bar of actions on the selected row (fixed at the bottom: showing it never moves a row).
function updateActions() {
  const row = current();
  $("row-actions").hidden = !row;
  if (!row) return;
  $("row-label").textContent = `row ${state.selected + 1}`;
  $("act-confirm").textContent = row.confirmed ? "Unconfirm" : "Confirm";
  $("act-accept").disabled = openFindings(row).length === 0;
}

function drawFindings() {
  const list = $("findings");
  const items = document.createDocumentFragment();
  const all = state.view.findings.filter((f) => !f.accepted);
  for (const s of SEVERITIES) {
    $("n-" + s).textContent = String(all.filter((f) => (f.severity === "warn" ? "warning" : f.severity) === s).length);
  }
  const open = all.filter(shownSeverity);
  const hidden = all.length - open.length;
  $("findings-count").textContent = hidden ? `${open.length} open · ${hidden} hidden` : `${open.length} open`;
  const accepted = state.view.findings.filter((f) => f.accepted && shownSeverity(f));
  const ordered = [...open, ...accepted];
  for (const f of ordered) {
    const li = el("li", "finding " + f.severity + (f.accepted ? " accepted" : ""));
    li.dataset.id = f.id;
    const head = el("div", "head");
    head.appendChild(el("span", "kind", f.kind));
    if (f.row != null) {
      const jump = el("button", "jump", `row ${f.row + 1}`);
      jump.type = "button";
      jump.dataset.row = String(f.row);
      head.appendChild(jump);
    }
    if (!f.accepted) {
      const accept = el("button", "accept", "Accept…");
      accept.type = "button";
      accept.dataset.accept = f.id;
      head.appendChild(accept);
    }
    li.appendChild(head);
    li.appendChild(el("div", "message", f.message));
    if (f.accepted) li.appendChild(el("div", "reason", "accepted: " + f.accepted));
    items.appendChild(li);
  }
  if (!ordered.length) items.appendChild(el("li", "empty", hidden ? "No findings of the severities shown." : "No findings."));
  list.replaceChildren(items);
}

// ---- moving around ----

function rowEl(i) {
  return document.querySelector(`.row[data-index="${i}"]`);
}

function select(i, scroll = true) {
  if (!state.view || i < 0 || i >= state.view.rows.length) return;
  const old = rowEl(state.selected);
  if (old) old.classList.remove("selected");
  if (state.selected !== i) state.sentence = 0;
  state.selected = i;
  state.split = null;
  let now = rowEl(i);
  if (!now) {
    // The row is filtered out: show everything rather than lose it.
    $("filter").value = "all";
    $("speaker").value = "";
    $("section").value = "";
    $("search").value = "";
    drawRows();
    now = rowEl(i);
  }
  now.classList.add("selected");
  updateActions();
  if (scroll) now.scrollIntoView({ block: "nearest" });
  // A long interview is reviewed over several sittings: the page comes back to this row.
  localStorage.setItem(placeKey(), String(i));
}

function placeKey() {
  return `bitext-row-${state.name}`;
}

// Back where the reviewer left off (the row last selected), or at the first unreviewed row.
function resume() {
  const rows = state.view.rows;
  const saved = Number(localStorage.getItem(placeKey()));
  let i = Number.isInteger(saved) && saved > 0 && saved < rows.length ? saved : -1;
  if (i < 0) i = Math.max(0, rows.findIndex((r) => !r.confirmed && r.zh && r.en));
  if (i > 0) {
    select(i, false);
    rowEl(i).scrollIntoView({ block: "center" });
  }
}

function step(delta, test = () => true) {
  const rows = [...document.querySelectorAll(".row")].map((r) => Number(r.dataset.index));
  if (!rows.length) return;
  let at = rows.indexOf(state.selected);
  if (at === -1) at = delta > 0 ? -1 : rows.length;
  for (let k = at + delta; k >= 0 && k < rows.length; k += delta) {
    if (test(state.view.rows[rows[k]])) {
      select(rows[k]);
      return;
    }
  }
  status("no further row");
}

function current() {
  return state.view ? state.view.rows[state.selected] : null;
}

// ---- the actions ----

function startSplit() {
  const row = current();
  if (!row) return;
  const zn = row.zh_sentences.length;
  const en = row.en_units.length;
  if (zn + en < 2) {
    status("nothing to split in this row");
    return;
  }
  const zh = zn > 1 ? Math.ceil(zn / 2) : zn;
  const eat = zn ? Math.round((en * zh) / zn) : Math.ceil(en / 2);
  state.split = { zh, en: Math.min(en, Math.max(0, eat)) };
  redrawSelected();
  status("split: ←/→ move the Chinese cut, ↑/↓ the English cut, Enter splits, Esc cancels");
}

function redrawSelected() {
  const old = rowEl(state.selected);
  if (!old) return;
  old.replaceWith(drawRow(current(), state.selected, termForms(state.view)));
}

function splitKey(e) {
  const row = current();
  const s = state.split;
  if (e.key === "Escape") {
    state.split = null;
    redrawSelected();
    status("split cancelled");
  } else if (e.key === "ArrowLeft") s.zh = Math.max(0, s.zh - 1);
  else if (e.key === "ArrowRight") s.zh = Math.min(row.zh_sentences.length, s.zh + 1);
  else if (e.key === "ArrowUp") s.en = Math.max(0, s.en - 1);
  else if (e.key === "ArrowDown") s.en = Math.min(row.en_units.length, s.en + 1);
  else if (e.key === "Enter" || e.key === "s") {
    const { zh, en } = s;
    state.split = null;
    act({ op: "split", row: state.selected, zh_at: zh, en_at: en }, "split");
    return;
  } else return;
  e.preventDefault();
  if (state.split) redrawSelected();
}

function openEdit() {
  const row = current();
  if (!row || !row.zh_sentences.length) {
    status("this row has no Chinese to edit");
    return;
  }
  const which = $("edit-which");
  which.replaceChildren();
  row.zh_sentences.forEach((s, k) => {
    const o = el("option", null, `${k + 1}: ${s.slice(0, 24)}${s.length > 24 ? "…" : ""}`);
    o.value = String(k);
    which.appendChild(o);
  });
  which.value = String(Math.min(state.sentence, row.zh_sentences.length - 1));
  $("edit-which-label").hidden = row.zh_sentences.length < 2;
  $("edit-text").value = row.zh_sentences[Number(which.value)];
  $("edit-dialog").showModal();
  $("edit-text").focus();
}

function saveEdit() {
  const row = current();
  const k = Number($("edit-which").value);
  const text = $("edit-text").value;
  $("edit-dialog").close();
  if (text === row.zh_sentences[k]) return;
  act({ op: "edit_zh", row: state.selected, sentence: k, text }, "edited the Chinese");
}

function openAccept(id) {
  const candidates = id
    ? state.view.findings.filter((f) => f.id === id)
    : openFindings(current() || { findings: [] });
  if (!candidates.length) {
    status("no open finding on this row");
    return;
  }
  const which = $("accept-which");
  which.replaceChildren();
  for (const f of candidates) {
    const o = el("option", null, `${f.kind}: ${f.message.slice(0, 60)}`);
    o.value = f.id;
    which.appendChild(o);
  }
  $("accept-reason").value = "";
  $("accept-dialog").showModal();
  $("accept-reason").focus();
}

function saveAccept() {
  const id = $("accept-which").value;
  const reason = $("accept-reason").value.trim();
  if (!reason) return;
  $("accept-dialog").close();
  change("/findings/accept", { id, reason }, "accepted a finding");
}

function addTerm() {
  const zh = $("term-zh").value.trim();
  const en = $("term-en").value.trim();
  if (!zh || !en) {
    status("a term needs its Chinese and its English: select them in the rows, or type them");
    $(zh ? "term-en" : "term-zh").focus();
    return;
  }
  const note = $("term-note").value.trim() || null;
  change("/glossary", { zh, en, note }, `added the term ${zh} = ${en}`).then(() => {
    if (!$("banner").hidden) return;
    $("term-zh").value = "";
    $("term-en").value = "";
    $("term-note").value = "";
  });
}

async function exportViews() {
  if (!state.view) return;
  try {
    status("exporting…");
    const res = await api("POST", base() + "/export", {});
    status(`exported: ${res.files.map((p) => p.split("/").pop()).join(", ")}`);
  } catch (err) {
    showError(err);
  }
}

function openVideo() {
  const row = current();
  const url = row && videoUrl(row);
  if (url) window.open(url, "_blank", "noopener,noreferrer");
  else status("no video time for this row");
}

function doKey(key) {
  const row = current();
  if (!row) return;
  const i = state.selected;
  switch (key) {
    case "c":
      act({ op: row.confirmed ? "unconfirm" : "confirm", row: i }, "confirmed");
      break;
    case "m":
      act({ op: "merge", row: i }, "merged with the next row");
      break;
    case "s":
      startSplit();
      break;
    case "[":
      act({ op: "move_zh", row: i, to: "prev" }, "moved a Chinese sentence up");
      break;
    case "]":
      act({ op: "move_zh", row: i, to: "next" }, "moved a Chinese sentence down");
      break;
    case "{":
      act({ op: "move_en", row: i, to: "prev" }, "moved an English unit up");
      break;
    case "}":
      act({ op: "move_en", row: i, to: "next" }, "moved an English unit down");
      break;
    case "x":
      act({ op: "unalign", row: i, side: "zh" }, "marked untranslated");
      break;
    case "X":
      act({ op: "unalign", row: i, side: "en" }, "detached the English");
      break;
    case "e":
      openEdit();
      break;
    case "a":
      openAccept(null);
      break;
  }
}

function undo() {
  change("/undo", {}, "undone");
}

function redo() {
  change("/redo", {}, "redone");
}

function onKey(e) {
  if (!state.view) return;
  const t = e.target;
  const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
  if (document.querySelector("dialog[open]")) return;
  if (typing) {
    if (e.key === "Escape") t.blur();
    return;
  }
  if (state.split) {
    splitKey(e);
    return;
  }
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && (e.key === "z" || e.key === "Z")) {
    e.preventDefault();
    if (e.shiftKey) redo();
    else undo();
    return;
  }
  if (ctrl && e.key === "y") {
    e.preventDefault();
    redo();
    return;
  }
  if (ctrl || e.altKey) return;
  const k = e.key;
  if (k === "j" || k === "ArrowDown") step(1);
  else if (k === "k" || k === "ArrowUp") step(-1);
  else if (k === "n") step(1, (r) => !r.confirmed);
  else if (k === "f") step(1, (r) => openFindings(r).length > 0);
  else if (k === "Enter") doKey("c");
  else if (k === "u") undo();
  else if (k === "U") redo();
  else if (k === "/") $("search").focus();
  else if (k === "?") $("help").showModal();
  else if (k === "t") addTerm();
  else if (k === "o") openVideo();
  else if (k === "E") exportViews();
  else if (k === "i") {
    $("sev-info").checked = !$("sev-info").checked;
    severitiesChanged();
  }
  else if (k === "Escape") $("banner").hidden = true;
  else if ("cms[]{}xXea".includes(k) && k.length === 1) doKey(k);
  else return;
  e.preventDefault();
}

// A selection inside the Chinese or the English of a row fills the term form.
function onSelection() {
  const sel = document.getSelection();
  if (!sel || sel.isCollapsed || !sel.anchorNode) return;
  const node = sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement;
  const side = node && node.closest(".row .zh, .row .en");
  if (!side) return;
  const text = sel.toString().trim();
  if (!text || text.length > 80) return;
  $(side.classList.contains("zh") ? "term-zh" : "term-en").value = text;
}

function onClick(e) {
  const t = e.target;
  if (!(t instanceof Element)) return;
  const jump = t.closest("button.jump");
  if (jump) {
    select(Number(jump.dataset.row));
    return;
  }
  const accept = t.closest("button.accept");
  if (accept) {
    openAccept(accept.dataset.accept);
    return;
  }
  const button = t.closest("#row-actions button");
  if (button) {
    doKey(button.dataset.key);
    return;
  }
  const rowDiv = t.closest(".row");
  if (!rowDiv) return;
  const i = Number(rowDiv.dataset.index);
  if (i !== state.selected) select(i, false);
  const sent = t.closest(".sent");
  if (sent) {
    document.querySelectorAll(".sent.picked").forEach((s) => s.classList.remove("picked"));
    sent.classList.add("picked");
    state.sentence = Number(sent.dataset.k);
  }
  if (state.split) {
    const unit = t.closest(".unit");
    if (sent) state.split.zh = Number(sent.dataset.k);
    if (unit) state.split.en = Number(unit.dataset.k);
    if (sent || unit) redrawSelected();
  }
}

// ---- start ----

async function start() {
  state.token = secret();
  const m = /^\/c\/([^/]+)$/.exec(location.pathname);
  if (!state.token) {
    banner("This page needs the URL bitext serve printed (it carries the launch's secret).", false);
    return;
  }
  try {
    if (m) {
      state.name = decodeURIComponent(m[1]);
    } else {
      const corpora = await api("GET", "/api/corpora");
      if (corpora.length === 1) {
        state.name = corpora[0].name;
      } else {
        chooser(corpora);
        return;
      }
    }
    status("opening (aligning the corpus)…");
    const view = await api("GET", base());
    $("layout").hidden = false;
    $("tools").hidden = false;
    draw(view);
    resume();
    status(`${view.rows.length} rows · press ? for the keys`);
    document.body.classList.add("ready");
    setInterval(poll, POLL_MS);
  } catch (err) {
    showError(err);
  }
}

// ---- what the server does after a save ----

const POLL_MS = 2000;

// Asks where the corpus is: the views regenerate in the background after each save, and a
// Chinese correction's alignment settles there too (which may redraw rows). Never while a
// change is in flight, and only when the page is visible.
async function poll() {
  if (!state.view || state.busy || document.hidden) return;
  let st;
  try {
    st = await api("GET", base() + "/status");
  } catch (_) {
    return; // the server is gone or busy: the next change will say so
  }
  if (state.busy || !state.view) return;
  showViewsState(st);
  // Not in the middle of a split or a dialog: the redraw waits for the next poll.
  const working = state.split || document.querySelector("dialog[open]");
  if (st.revision !== state.view.revision && $("banner").hidden && !working) {
    try {
      const view = await api("GET", base());
      if (state.busy) return;
      draw(view);
      status("the alignment settled after the correction: rows redrawn");
    } catch (err) {
      showError(err);
    }
  }
}

function showViewsState(st) {
  const ex = st.export;
  let text = "";
  if (ex.error) text = "views: not written: " + ex.error;
  else if (ex.pending || !st.settled) text = "views: updating…";
  else if (ex.exported_revision === st.revision) text = "views: up to date";
  const node = $("views-state");
  node.textContent = text;
  node.classList.toggle("error", Boolean(ex.error));
  document.body.dataset.exported = ex.exported_revision == null ? "" : String(ex.exported_revision);
}

function chooser(corpora) {
  $("chooser").hidden = false;
  $("corpus-title").textContent = "choose a corpus";
  const list = $("corpora");
  for (const c of corpora) {
    const li = el("li");
    const a = el("a", null, c.name);
    a.href = `/c/${encodeURIComponent(c.name)}#token=${state.token}`;
    li.appendChild(a);
    if (c.title) li.appendChild(el("span", "title", " " + c.title));
    list.appendChild(li);
  }
  document.body.classList.add("ready");
}

function wire() {
  for (const [k, v] of KEYS) {
    const tr = el("tr");
    tr.appendChild(el("th", null, k));
    tr.appendChild(el("td", null, v));
    $("keys").appendChild(tr);
  }
  document.addEventListener("keydown", onKey);
  document.addEventListener("click", onClick);
  document.addEventListener("selectionchange", onSelection);
  for (const id of ["filter", "speaker", "section"]) $(id).addEventListener("change", drawRows);
  loadSeverities();
  for (const s of SEVERITIES) $("sev-" + s).addEventListener("change", severitiesChanged);
  $("search").addEventListener("input", drawRows);
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("export").addEventListener("click", exportViews);
  $("help-open").addEventListener("click", () => $("help").showModal());
  $("banner-close").addEventListener("click", () => ($("banner").hidden = true));
  $("banner-reload").addEventListener("click", reload);
  $("term-form").addEventListener("submit", (e) => {
    e.preventDefault();
    addTerm();
  });
  $("edit-form").addEventListener("submit", (e) => {
    e.preventDefault();
    saveEdit();
  });
  $("edit-which").addEventListener("change", () => {
    $("edit-text").value = current().zh_sentences[Number($("edit-which").value)];
  });
  $("edit-text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      saveEdit();
    }
  });
  $("accept-form").addEventListener("submit", (e) => {
    e.preventDefault();
    saveAccept();
  });
  for (const b of document.querySelectorAll("dialog .cancel")) {
    b.addEventListener("click", () => b.closest("dialog").close());
  }
  start();
}

wire();
