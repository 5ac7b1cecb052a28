// Search across targets (any spelling, Latin or Cyrillic), measures and actors, from the
// prebuilt index (search-index.js). Names are folded exactly as the Python package folds them;
// the rules come from the index, written from belarus_measures.text.names.
"use strict";

(function () {
  const INDEX = window.BM_INDEX;
  const F = INDEX.fold;
  const RX = {
    swedishTj: new RegExp(F.swedishTj),
    frenchOu: new RegExp(F.frenchOu, "g"),
    shortU: new RegExp(F.shortU, "g"),
    double: new RegExp(F.double, "g"),
    notWord: new RegExp(F.notWord, "g"),
  };
  const LEGAL = new Set(F.legalForms);

  function asciiForm(text) {
    const plain = text.normalize("NFKC").replace(/[\u2019\u02bc]/g, "'");
    let out = "";
    for (const ch of plain) {
      out += ch.codePointAt(0) < 128 ? ch : (F.chars[ch] || "");
    }
    return out.toLowerCase().replace(/'/g, "").replace(RX.notWord, " ").trim().split(/\s+/).filter(Boolean);
  }

  function foldWord(word) {
    word = word.replace(RX.swedishTj, "ch");
    word = word.replace(RX.frenchOu, "u");
    word = word.replace(RX.shortU, "v");
    for (const [from, to] of F.folds) {
      word = word.split(from).join(to);
    }
    return word.replace(RX.double, "$1");
  }

  function fold(text, dropLegalForms) {
    let words = asciiForm(text);
    if (dropLegalForms) {
      const kept = words.filter((w) => !LEGAL.has(w));
      if (kept.length) words = kept;
    }
    return words.map(foldWord).join(" ");
  }

  // Similarity of two words, 0..1: Levenshtein distance scaled by the longer word.
  function similarity(a, b) {
    if (a === b) return 1;
    const m = a.length, n = b.length;
    if (!m || !n) return 0;
    let prev = Array.from({ length: n + 1 }, (_, j) => j);
    for (let i = 1; i <= m; i++) {
      const cur = [i];
      for (let j = 1; j <= n; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return 1 - prev[n] / Math.max(m, n);
  }

  // Every typed word must match a word of the spelling (a word typed in full, the start of a
  // longer word, or a near spelling); the score is the mean of the word matches.
  function spellingScore(queryWords, spelling) {
    const words = spelling.split(" ");
    let total = 0;
    for (const q of queryWords) {
      let best = 0;
      for (const w of words) {
        let s = similarity(q, w);
        if (q.length >= 3 && w.startsWith(q)) s = Math.max(s, 0.9);
        if (s > best) best = s;
      }
      if (best < 0.75) return 0;
      total += best;
    }
    return total / queryWords.length;
  }

  function searchTargets(query) {
    const q = fold(query, true).split(" ").filter(Boolean);
    if (!q.length) return [];
    const found = [];
    for (const t of INDEX.targets) {
      let best = 0, extra = 99;
      for (const s of t.folds) {
        const score = spellingScore(q, s);
        const more = s.split(" ").length - q.length;
        if (score > best || (score === best && score > 0 && more < extra)) { best = score; extra = more; }
      }
      if (best > 0) found.push({ t, score: Math.round(best * 1000) / 10, extra });
    }
    // Equal scores: the most widely listed target first (jurisdictions, then designations).
    found.sort((a, b) => b.score - a.score || b.t.weight[0] - a.t.weight[0] || b.t.weight[1] - a.t.weight[1]
      || a.extra - b.extra || (a.t.id < b.t.id ? -1 : 1));
    return found;
  }

  function searchWords(query, items) {
    const q = fold(query, false).split(" ").filter(Boolean);
    if (!q.length) return [];
    return items.filter((item) => {
      const words = item.words.split(" ");
      return q.every((w) => words.some((x) => x.startsWith(w)));
    });
  }

  function item(href, text, note) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    li.appendChild(a);
    if (note) li.appendChild(document.createTextNode(" " + note));
    return li;
  }

  function show(query) {
    const out = document.getElementById("results");
    out.replaceChildren();
    if (!query.trim()) return;
    const sections = [
      ["Targets", searchTargets(query).slice(0, 25).map((f) =>
        item("target/" + f.t.page, f.t.name, "(" + f.t.kind + ", score " + f.score + ")"))],
      ["Measures", searchWords(query, INDEX.measures).slice(0, 40).map((m) =>
        item("measure/" + m.page, m.title, "(" + m.date + ")"))],
      ["Actors", searchWords(query, INDEX.actors).slice(0, 20).map((a) => item("actor/" + a.page, a.name, ""))],
    ];
    let total = 0;
    for (const [title, items] of sections) {
      if (!items.length) continue;
      total += items.length;
      const h = document.createElement("h2");
      h.textContent = title + " (" + items.length + ")";
      const ol = document.createElement("ol");
      ol.className = "results-" + title.toLowerCase();
      items.forEach((li) => ol.appendChild(li));
      out.append(h, ol);
    }
    if (!total) {
      const p = document.createElement("p");
      p.textContent = "Nothing matches \u201c" + query + "\u201d.";
      out.appendChild(p);
    }
  }

  window.bmSearch = { fold, searchTargets, show };
  const params = new URLSearchParams(window.location.search);
  const query = params.get("q") || "";
  const box = document.getElementById("q");
  if (box) {
    box.value = query;
    box.addEventListener("input", () => show(box.value));
  }
  show(query);
})();
