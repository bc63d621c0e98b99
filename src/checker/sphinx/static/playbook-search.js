/*
 * ML Team Playbook: how the site's search reads a query and ranks its results.
 *
 * Sphinx inlines this file (html_search_scorer, set by checker.sphinx.search) into
 * language_data.js, next to the stemmer and the stop words. It defines the two hooks Sphinx's
 * searchtools.js looks for, splitQuery and Scorer, and uses only Sphinx's own search index:
 *
 * - splitQuery reads a ratio as the site writes it ("2:1" is "two to one"), drops words such as
 *   "vs" that carry no meaning in a page, and leaves out a word that no page shares with the rest
 *   of the query (the most common words are kept first), since Sphinx finds only pages holding
 *   every word: one stray word would otherwise find nothing.
 * - Scorer.score adds to each result what the query covers of the page's best "key phrase": its
 *   title, a section title, or an index entry (glossary terms are also entries of the page their
 *   definition cites, and pitfall ids of the pitfall's page; see checker/sphinx/search.py).
 *   A phrase's worth is m * (m / n)^2 for m of its n words in the query, so a whole three-word
 *   phrase (3) outranks a whole two-word one (2), which outranks three words of a four-word
 *   section title (1.7). A glossary definition counts half: the page it cites answers the question.
 *
 * Whichever of searchtools.js and this file a theme loads first, these definitions are used.
 */
/* global Search, Stemmer, stopwords */
var PlaybookSearch = (function () {
  "use strict";

  var WORD = /[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/u;
  var NOISE = { vs: true, versus: true, v: true };
  var NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
  var RATIO = /(^|[^\p{Number}])(\d{1,2})\s*[:/]\s*(\d{1,2})(?![\p{Number}])/gu;
  var WEIGHT = 20;

  var state = { query: "", left: [], boosts: null, boostsFor: null };

  function words(text) { return text.split(WORD).filter(function (w) { return w; }); }

  // "2:1" and "2/1" as the site writes them: "two to one".
  function spellRatios(text) {
    return text.replace(RATIO, function (all, before, a, b) {
      var x = NUMBERS[Number(a)], y = NUMBERS[Number(b)];
      return x && y ? before + " " + x + " to " + y + " " : all;
    });
  }

  function stemmer() { return typeof Stemmer === "function" ? new Stemmer() : { stemWord: function (w) { return w; } }; }

  function isStop(w) { return (typeof stopwords !== "undefined" && stopwords.has(w)) || NOISE[w] === true; }

  // Meaningful words of a text, stemmed as the index stems them.
  function stems(text) {
    var s = stemmer(), out = [];
    words(spellRatios(text.toLowerCase())).forEach(function (w) {
      if (isStop(w)) return;
      var stem = s.stemWord(w);
      if (out.indexOf(stem) < 0) out.push(stem);
    });
    return out;
  }

  function index() { return typeof Search !== "undefined" && Search._index ? Search._index : null; }

  // The files a stemmed word finds, as searchtools.js's performTermsSearch looks them up.
  function filesOf(word, idx) {
    var found = {};
    function add(files) {
      if (files === undefined) return;
      (typeof files === "number" ? [files] : files).forEach(function (f) { found[f] = true; });
    }
    var has = Object.prototype.hasOwnProperty;
    add(has.call(idx.terms, word) ? idx.terms[word] : undefined);
    add(has.call(idx.titleterms, word) ? idx.titleterms[word] : undefined);
    if (word.length > 2) {
      [idx.terms, idx.titleterms].forEach(function (map) {
        if (has.call(map, word)) return;
        Object.keys(map).forEach(function (term) { if (term.indexOf(word) >= 0) add(map[term]); });
      });
    }
    return found;
  }

  // The query's words for Sphinx: the most common first, each kept while some page holds all
  // kept. A word that cannot join them is most often a spelling the site does not use
  // ("postmortem" for "post-mortem"), which a page or two may still hold in a quotation.
  function splitQuery(query) {
    var raw = words(spellRatios(query));
    var idx = index(), s = stemmer();
    state.query = query;
    state.left = [];
    var candidates = raw.filter(function (w) { return !NOISE[w.toLowerCase()]; });
    if (!idx) return candidates;
    var info = candidates.map(function (w, i) {
      var lower = w.toLowerCase();
      var counted = !isStop(lower) && !/^\d+$/.test(w);
      return { word: w, at: i, counted: counted, files: counted ? filesOf(s.stemWord(lower), idx) : null };
    });
    var pages = null;
    info.filter(function (x) { return x.counted; })
      .sort(function (a, b) { return Object.keys(b.files).length - Object.keys(a.files).length || a.at - b.at; })
      .forEach(function (x) {
        var both = {};
        Object.keys(x.files).forEach(function (f) { if (pages === null || pages[f]) both[f] = true; });
        if (Object.keys(both).length) pages = both;
        else { x.left = true; state.left.push(x.word); }
      });
    return info.filter(function (x) { return !x.left; }).map(function (x) { return x.word; });
  }

  // docname -> the worth of its best key phrase for the query in `state`.
  function boosts() {
    var idx = index();
    if (!idx) return {};
    if (state.boostsFor === state.query && state.boosts) return state.boosts;
    var wanted = {};
    stems(state.query).forEach(function (w) { wanted[w] = true; });
    var out = {};
    function consider(file, phrase, factor) {
      var ws = stems(phrase);
      if (!ws.length) return;
      var m = ws.filter(function (w) { return wanted[w]; }).length;
      var worth = factor * m * Math.pow(m / ws.length, 2);
      var doc = idx.docnames[file];
      if (worth > (out[doc] || 0)) out[doc] = worth;
    }
    idx.titles.forEach(function (title, file) { consider(file, title, 1); });
    Object.keys(idx.alltitles).forEach(function (title) {
      idx.alltitles[title].forEach(function (at) { consider(at[0], title, 1); });
    });
    Object.keys(idx.indexentries).forEach(function (entry) {
      idx.indexentries[entry].forEach(function (at) {
        consider(at[0], entry, /^term-/.test(at[1] || "") ? 0.5 : 1);
      });
    });
    state.boosts = out;
    state.boostsFor = state.query;
    return out;
  }

  function score(result) {
    return result[4] + WEIGHT * (boosts()[result[0]] || 0);
  }

  return { splitQuery: splitQuery, score: score, stems: stems, spellRatios: spellRatios, state: state };
})();

// The hooks searchtools.js uses (its defaults, with the score above).
// eslint-disable-next-line no-unused-vars
var splitQuery = PlaybookSearch.splitQuery;
// eslint-disable-next-line no-unused-vars
var Scorer = {
  score: PlaybookSearch.score,
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2
};
