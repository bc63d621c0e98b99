/*
 * ML Team Playbook: fill in a checklist in the browser.
 *
 * The form holds an answers document (what the downloaded file will contain) and asks
 * playbook-engine.js, which checks files exactly as `playbook-check validate` does, for the
 * verdict and the diagnostics after every change. Loading a file keeps every field (version,
 * assessed date, notes, evidence, exemptions); downloading writes it with js-yaml's emitter.
 *
 * No network. Team-written text is only ever inserted with textContent.
 */
(function () {
  "use strict";

  var E = window.PlaybookEngine;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function todayIso(root) {
    if (window.PLAYBOOK_TODAY) return window.PLAYBOOK_TODAY;
    if (root.getAttribute("data-today")) return root.getAttribute("data-today");
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  var DEFAULT_TEAM = "Our team";

  function Form(root, payload) {
    this.root = root;
    this.cl = payload.checklist;
    this.pitfalls = payload.pitfalls || {};
    this.known = payload.known || [this.cl.id];
    this.limits = payload.limits || E.LIMITS;
    this.key = "playbook-answers:" + this.cl.id;
    this.today = todayIso(root);
    this.uid = "pf-" + this.cl.id;
    this.questions = E.questionList(this.cl);
    this.inputs = {};
    this.problems = {};
    this.doc = E.emptyDocument(this.cl, "", this.today);
    this.build();
    this.restore();
    this.update();
  }

  /* ---------- building the form ---------- */

  Form.prototype.build = function () {
    var self = this, uid = this.uid;
    var form = el("form", { className: "playbook-form-body", novalidate: "novalidate", "aria-label": "Assess your team: " + this.cl.title });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.appendChild(el("p", { className: "playbook-form-intro" },
      "Answer the questions; the score and findings below the form update as you go. Your answers stay in this " +
      "browser until you download them as a file that playbook-check accepts."));
    var teamRow = el("p", { className: "playbook-field" });
    teamRow.appendChild(el("label", { "for": uid + "-team" }, "Team name"));
    this.teamInput = el("input", { type: "text", id: uid + "-team", name: "team", autocomplete: "organization", placeholder: DEFAULT_TEAM });
    this.teamInput.addEventListener("input", function () { self.doc.team = self.teamInput.value; self.update(); });
    teamRow.appendChild(this.teamInput);
    form.appendChild(teamRow);

    this.cl.sections.forEach(function (s) {
      var section = el("section", { className: "playbook-form-section", "aria-labelledby": uid + "-s-" + s.id });
      section.appendChild(el("h3", { id: uid + "-s-" + s.id }, s.title));
      s.questions.forEach(function (q) { section.appendChild(self.question(q)); });
      form.appendChild(section);
    });

    this.kept = el("p", { className: "playbook-kept" });
    this.kept.hidden = true;
    form.appendChild(this.kept);

    var actions = el("div", { className: "playbook-form-actions" });
    var download = el("button", { type: "button", className: "playbook-download" }, "Download answers");
    download.addEventListener("click", function () { self.download(); });
    var clear = el("button", { type: "button", className: "playbook-clear" }, "Clear answers");
    clear.addEventListener("click", function () { self.clear(); });
    actions.appendChild(download);
    actions.appendChild(clear);
    this.clearStatus = el("p", { className: "playbook-clear-status", role: "status" });
    actions.appendChild(this.clearStatus);
    form.appendChild(actions);

    var load = el("details", { className: "playbook-load" });
    load.appendChild(el("summary", {}, "Load an answers file"));
    var fileLabel = el("label", { "for": uid + "-file" }, "Answers file (YAML)");
    var file = el("input", { type: "file", id: uid + "-file", accept: ".yaml,.yml,text/yaml" });
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      file.files[0].arrayBuffer().then(function (buf) { self.load(new Uint8Array(buf), file.files[0].name); });
    });
    var pasteLabel = el("label", { "for": uid + "-paste" }, "Or paste its text");
    var paste = el("textarea", { id: uid + "-paste", rows: "6", className: "playbook-paste" });
    var loadButton = el("button", { type: "button", className: "playbook-load-button" }, "Load pasted answers");
    loadButton.addEventListener("click", function () { self.loadText(paste.value); });
    this.loadStatus = el("p", { className: "playbook-load-status", role: "status" });
    this.loadProblems = el("ul", { className: "playbook-diagnostics playbook-load-problems" });
    [fileLabel, file, pasteLabel, paste, loadButton, this.loadStatus, this.loadProblems].forEach(function (n) { load.appendChild(n); });
    form.appendChild(load);
    this.loadBox = load;

    // The summary stays in view while answering (sticky); the details follow the form.
    this.summary = el("div", { className: "playbook-summary", id: uid + "-summary", role: "region", "aria-label": "Your result so far" });
    this.summaryText = el("p", { className: "playbook-summary-text" });
    this.summary.appendChild(this.summaryText);
    this.summary.appendChild(el("a", { href: "#" + uid + "-results", className: "playbook-summary-link" }, "Details"));

    this.results = el("section", { className: "playbook-results", id: uid + "-results", "aria-labelledby": uid + "-results-title" });
    this.results.appendChild(el("h3", { id: uid + "-results-title" }, "Your result"));
    this.resultBody = el("div", { className: "playbook-result-body" });
    this.results.appendChild(this.resultBody);
    this.checks = el("div", { className: "playbook-checks" });
    this.results.appendChild(this.checks);

    // One short, polite announcement when the result settles, not a rebuilt region per keystroke.
    this.live = el("p", { className: "playbook-live", role: "status", "aria-live": "polite" });

    var layout = el("div", { className: "playbook-form-layout" });
    layout.appendChild(form);
    layout.appendChild(this.summary);
    this.root.appendChild(layout);
    this.root.appendChild(this.results);
    this.root.appendChild(this.live);
    this.root.hidden = false;
  };

  Form.prototype.question = function (q) {
    var self = this, id = this.uid + "-" + q.id;
    var box = el("fieldset", { className: "playbook-form-question", "data-question": q.id });
    var legend = el("legend", { id: id + "-prompt" }, q.prompt);
    box.appendChild(legend);
    var described = [];
    if (q.help) {
      box.appendChild(el("p", { className: "playbook-help", id: id + "-help" }, q.help));
      described.push(id + "-help");
    }
    var error = el("p", { className: "playbook-error", id: id + "-error" });
    error.hidden = true;
    var onChange = function () { self.read(q); self.update(); };
    var controls = [];
    if (q.kind === "yes-no" || q.kind === "choice" || q.kind === "multi-choice") {
      var options = q.kind === "yes-no" ? [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] : q.choices;
      options.forEach(function (c) {
        var input = el("input", { type: q.kind === "multi-choice" ? "checkbox" : "radio", name: id, id: id + "-" + c.id, value: c.id });
        input.addEventListener("change", onChange);
        var row = el("div", { className: "playbook-choice" });
        row.appendChild(input);
        row.appendChild(el("label", { "for": id + "-" + c.id }, c.label));
        box.appendChild(row);
        controls.push(input);
      });
    } else if (q.kind === "text") {
      var ta = el("textarea", { id: id, rows: "3", "aria-labelledby": id + "-prompt" });
      ta.addEventListener("input", onChange);
      box.appendChild(ta);
      controls.push(ta);
    } else {
      var attrs = { type: "number", id: id, "aria-labelledby": id + "-prompt",
        inputmode: q.kind === "count" ? "numeric" : "decimal", step: q.kind === "count" ? "1" : "any" };
      if (q.kind !== "number") attrs.min = "0";
      if (q.kind === "percent") attrs.max = "100";
      var num = el("input", attrs);
      num.addEventListener("input", onChange);
      box.appendChild(num);
      controls.push(num);
    }
    box.appendChild(error);
    described.push(id + "-error");
    controls.forEach(function (c) {
      if (c.type !== "radio" && c.type !== "checkbox") c.setAttribute("aria-describedby", described.join(" "));
    });
    var naBox = el("div", { className: "playbook-na" });
    var na = el("input", { type: "checkbox", id: id + "-na" });
    var naLabel = el("label", { "for": id + "-na" }, "Not applicable");
    naLabel.appendChild(el("span", { className: "playbook-visually-hidden" }, ": " + q.prompt));
    var reason = el("input", { type: "text", id: id + "-reason", placeholder: "Why it does not apply (required)",
      "aria-label": "Why “" + q.prompt + "” does not apply" });
    reason.hidden = true;
    na.addEventListener("change", function () { reason.hidden = !na.checked; onChange(); if (na.checked) reason.focus(); });
    reason.addEventListener("input", onChange);
    naBox.appendChild(na);
    naBox.appendChild(naLabel);
    naBox.appendChild(reason);
    box.appendChild(naBox);
    this.inputs[q.id] = { box: box, controls: controls, na: na, reason: reason, error: error };
    return box;
  };

  /* ---------- form <-> answers document ---------- */

  // Read one question's controls into the document; a value the CLI would reject is not stored
  // but shown next to the control, with the CLI's message.
  Form.prototype.read = function (q) {
    var ctl = this.inputs[q.id], answers = this.doc.answers, raw;
    delete this.problems[q.id];
    if (ctl.na.checked) {
      raw = { not_applicable: ctl.reason.value };
    } else if (q.kind === "multi-choice") {
      raw = ctl.controls.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
    } else if (q.kind === "yes-no" || q.kind === "choice") {
      var picked = ctl.controls.filter(function (c) { return c.checked; })[0];
      raw = picked ? (q.kind === "yes-no" ? picked.value === "yes" : picked.value) : null;
    } else if (q.kind === "text") {
      raw = ctl.controls[0].value === "" ? null : ctl.controls[0].value;
    } else {
      var input = ctl.controls[0], text = input.value.trim();
      if (input.validity && input.validity.badInput) {
        this.problems[q.id] = "“" + input.value + "” is not a number; " + q.id + " is " + E.kindHint(q);
        raw = null;
      } else if (text === "") {
        raw = null;
      } else {
        raw = Number(text);
        var n = E.normalise(q, raw);
        if (n.error) { this.problems[q.id] = n.error + " (" + n.hint + ")"; raw = null; }
      }
    }
    if (raw === null) delete answers[q.id];
    else answers[q.id] = raw;
  };

  // Show the document's answers in the controls.
  Form.prototype.write = function () {
    var self = this, answers = this.doc.answers;
    this.teamInput.value = this.doc.team || "";
    this.problems = {};
    this.questions.forEach(function (q) {
      var ctl = self.inputs[q.id], raw = answers[q.id];
      var isNA = raw !== null && typeof raw === "object" && !Array.isArray(raw) && !(raw instanceof E.Float);
      var v = isNA ? null : E.normalise(q, raw).value;
      ctl.na.checked = isNA;
      ctl.reason.hidden = !isNA;
      ctl.reason.value = isNA && typeof raw.not_applicable === "string" ? raw.not_applicable : "";
      ctl.controls.forEach(function (c) {
        if (c.type === "radio") {
          c.checked = v !== null && (q.kind === "yes-no" ? c.value === (v ? "yes" : "no") : c.value === v);
        } else if (c.type === "checkbox") {
          c.checked = Array.isArray(v) && v.indexOf(c.value) >= 0;
        } else {
          c.value = v === null || v === undefined ? "" : String(v);
        }
      });
    });
  };

  // The document as it will be downloaded.
  Form.prototype.document = function () {
    var doc = {};
    Object.keys(this.doc).forEach(function (k) { doc[k] = this.doc[k]; }, this);
    if (!doc.team) doc.team = DEFAULT_TEAM;
    return doc;
  };

  Form.prototype.text = function () {
    return E.dump(this.document(), "Answers to the '" + this.cl.title + "' checklist, from the ML Team Playbook.\n" +
      "Check with: playbook-check validate THIS-FILE");
  };

  Form.prototype.options = function (file) {
    return { file: file || this.cl.id + ".yaml", today: this.today, allowIncomplete: true, known: this.known,
      limits: this.limits };
  };

  /* ---------- checking and showing the result ---------- */

  Form.prototype.update = function () {
    var self = this;
    var checked = E.check(this.cl, this.text(), this.options());
    this.checked = checked;
    this.visible = checked.visible || E.visibleQuestions(this.cl, this.values());
    this.questions.forEach(function (q) {
      var ctl = self.inputs[q.id], problem = self.problems[q.id];
      ctl.box.hidden = !self.visible[q.id];
      ctl.error.hidden = !problem;
      ctl.error.textContent = problem || "";
      ctl.controls.forEach(function (c) {
        if (problem) c.setAttribute("aria-invalid", "true");
        else c.removeAttribute("aria-invalid");
      });
    });
    this.result = checked.result;
    this.renderSummary();
    this.renderResult();
    this.renderChecks();
    this.renderKept();
    this.save();
    this.root.dispatchEvent(new CustomEvent("playbook:update", { detail: this.result }));
  };

  // The valid answers in normal form (for visibility while the file has errors).
  Form.prototype.values = function () {
    var values = {}, answers = this.doc.answers;
    this.questions.forEach(function (q) {
      var v = E.normalise(q, answers[q.id]).value;
      if (v !== null) values[q.id] = v;
    });
    return values;
  };

  Form.prototype.unanswered = function () {
    return this.checked.diagnostics.filter(function (d) { return d.code === "PC405"; }).length;
  };

  Form.prototype.summaryLine = function () {
    var r = this.result;
    if (!r) {
      var errors = this.checked.diagnostics.filter(function (d) { return d.severity === "error"; }).length;
      return "No result: " + plural(errors, "problem") + " to fix (see below).";
    }
    var c = r.counts, open = c.high + c.medium + c.low, parts = [];
    parts.push("Score " + (r.score.overall === null ? "n/a" : r.score.overall) +
      (r.score.unit === "points" ? " points" : " of 100"));
    parts.push("level " + (r.score.level || "n/a"));
    parts.push(open ? "open findings: " + c.high + " high, " + c.medium + " medium, " + c.low + " low" : "no open findings");
    var missing = this.unanswered();
    if (missing) parts.push(plural(missing, "required question") + " unanswered");
    return parts.join(" · ") + ".";
  };

  Form.prototype.renderSummary = function () {
    var line = this.summaryLine(), live = this.live, self = this;
    if (this.summaryText.textContent !== line) this.summaryText.textContent = line;
    if (this.announced === undefined) { this.announced = line; return; }  // nothing to say on arrival
    // Announce once the reader pauses, and only when the result changed.
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(function () {
      if (self.announced !== line) {
        live.textContent = line;
        self.announced = line;
      }
    }, 700);
  };

  Form.prototype.renderResult = function () {
    var r = this.result, key = JSON.stringify(r) + this.unanswered();
    if (key === this.rendered) return;  // unchanged: leave the DOM (and the reader's place) alone
    this.rendered = key;
    var out = this.resultBody;
    out.textContent = "";
    if (!r) {
      out.appendChild(el("p", { className: "playbook-no-result" }, "The answers have problems that playbook-check would reject; fix them to see a score."));
      return;
    }
    var summary = el("p", { className: "playbook-result-summary" });
    summary.appendChild(document.createTextNode("Overall score "));
    summary.appendChild(el("strong", { className: "playbook-overall" }, r.score.overall === null ? "n/a" : String(r.score.overall)));
    summary.appendChild(document.createTextNode(r.score.unit === "points" ? " points, maturity level " : " of 100, maturity level "));
    summary.appendChild(el("strong", { className: "playbook-level" }, r.score.level || "n/a"));
    var missing = this.unanswered();
    summary.appendChild(document.createTextNode(missing ? " (" + plural(missing, "required question") + " still unanswered count as 0)." : "."));
    out.appendChild(summary);
    var wrap = el("div", { className: "playbook-table-wrap" });
    var table = el("table", { className: "playbook-result-sections" });
    table.appendChild(el("caption", {}, "Score by section"));
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "Section"));
    head.appendChild(el("th", { scope: "col" }, "Score"));
    table.appendChild(head);
    r.score.sections.forEach(function (s) {
      var row = el("tr", { "data-section": s.id });
      row.appendChild(el("th", { scope: "row" }, s.title));
      row.appendChild(el("td", {}, s.score === null ? "n/a" : String(s.score)));
      table.appendChild(row);
    });
    wrap.appendChild(table);
    out.appendChild(wrap);
    if (!r.findings.length) {
      out.appendChild(el("p", { className: "playbook-no-findings" }, "No findings so far."));
      return;
    }
    var list = el("ul", { className: "playbook-result-findings" });
    var pitfalls = this.pitfalls;
    r.findings.forEach(function (f) {
      var item = el("li", { "data-finding": f.id, "data-risk": f.risk, "data-status": f.status });
      item.appendChild(el("span", { className: "playbook-risk playbook-risk-" + f.risk }, f.risk + " risk"));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("strong", {}, f.title));
      if (f.status === "exempted") item.appendChild(document.createTextNode(" (exempted until " + f.expires + ")"));
      var advice = el("p", {}, f.advice + " ");
      var p = pitfalls[f.pitfall];
      if (p && p.url) {
        advice.appendChild(document.createTextNode("See "));
        advice.appendChild(el("a", { href: p.url }, p.title));
        advice.appendChild(document.createTextNode("."));
      }
      item.appendChild(advice);
      list.appendChild(item);
    });
    out.appendChild(list);
  };

  function diagnosticItem(d) {
    var item = el("li", { "data-code": d.code, "data-severity": d.severity });
    item.appendChild(el("span", { className: "playbook-diagnostic-where" }, "line " + d.line + ", column " + d.column + ": "));
    item.appendChild(el("strong", {}, d.severity + ": "));
    item.appendChild(document.createTextNode(d.message + " [" + d.code + "]"));
    if (d.hint) item.appendChild(el("span", { className: "playbook-diagnostic-hint" }, " Hint: " + d.hint));
    return item;
  }

  // What playbook-check would say about the file as it stands (unanswered questions are counted
  // in the summary instead).
  Form.prototype.renderChecks = function () {
    var self = this;
    var shown = this.checked.diagnostics.filter(function (d) { return d.code !== "PC405"; });
    var key = JSON.stringify(shown);
    if (key === this.checksKey) return;
    this.checksKey = key;
    this.checks.textContent = "";
    if (!shown.length) return;
    this.checks.appendChild(el("h4", {}, "What playbook-check will say about the downloaded file"));
    var list = el("ul", { className: "playbook-diagnostics" });
    shown.forEach(function (d) { list.appendChild(diagnosticItem(d)); });
    this.checks.appendChild(list);
    if (shown.some(function (d) { return d.code === "PC406"; })) {
      var prune = el("button", { type: "button", className: "playbook-prune" }, "Remove answers to questions not asked");
      prune.addEventListener("click", function () { self.prune(); });
      this.checks.appendChild(prune);
    }
  };

  Form.prototype.renderKept = function () {
    var doc = this.doc, parts = [];
    var count = function (v) { return v && typeof v === "object" ? (Array.isArray(v) ? v.length : Object.keys(v).length) : 0; };
    if (count(doc.notes)) parts.push(plural(count(doc.notes), "note"));
    if (count(doc.evidence)) parts.push("evidence for " + plural(count(doc.evidence), "question"));
    if (count(doc.exemptions)) parts.push(plural(count(doc.exemptions), "exemption"));
    this.kept.hidden = !parts.length;
    this.kept.textContent = parts.length ? "The loaded file also holds " + parts.join(", ") + " (answered against " +
      doc.checklist + ", assessed " + (doc.assessed || "on no date") + "); downloading keeps them as they are." : "";
  };

  Form.prototype.prune = function () {
    var self = this;
    this.questions.forEach(function (q) { if (!self.visible[q.id]) delete self.doc.answers[q.id]; });
    this.write();
    this.update();
  };

  /* ---------- storage, clearing, loading and downloading ---------- */

  Form.prototype.save = function () {
    try {
      window.localStorage.setItem(this.key, JSON.stringify({ format: 2, team: this.doc.team, text: this.text() }));
    } catch (e) { /* storage may be disabled; the form still works */ }
  };

  Form.prototype.restore = function () {
    var saved;
    try { saved = JSON.parse(window.localStorage.getItem(this.key) || "null"); } catch (e) { saved = null; }
    if (!saved || typeof saved !== "object") return;
    var text = saved.text;
    if (saved.format !== 2 && saved.values && typeof saved.values === "object") {
      // Answers saved by the earlier form: {team, values, notes, exemptions}.
      var doc = E.emptyDocument(this.cl, saved.team || DEFAULT_TEAM, this.today);
      doc.answers = saved.values;
      if (saved.notes && Object.keys(saved.notes).length) doc.notes = saved.notes;
      if (Array.isArray(saved.exemptions) && saved.exemptions.length) doc.exemptions = saved.exemptions;
      text = E.dump(doc);
    }
    if (typeof text !== "string") return;
    var checked = E.check(this.cl, text, this.options());
    if (!checked.data || checked.diagnostics.some(function (d) { return d.severity === "error"; })) return;
    this.doc = checked.data;
    this.doc.team = typeof saved.team === "string" ? saved.team : this.doc.team;
    this.write();
  };

  Form.prototype.clear = function () {
    var self = this, before = { doc: this.doc, problems: this.problems };
    this.doc = E.emptyDocument(this.cl, "", this.today);
    try { window.localStorage.removeItem(this.key); } catch (e) { /* ignore */ }
    this.write();
    this.update();
    var status = this.clearStatus;
    status.textContent = "Answers cleared. ";
    var undo = el("button", { type: "button", className: "playbook-undo" }, "Undo");
    undo.addEventListener("click", function () {
      self.doc = before.doc;
      self.write();
      self.update();
      status.textContent = "Answers restored.";
      self.teamInput.focus();
    });
    status.appendChild(undo);
    undo.focus();
  };

  Form.prototype.showLoadProblems = function (diagnostics) {
    var list = this.loadProblems;
    list.textContent = "";
    diagnostics.forEach(function (d) { list.appendChild(diagnosticItem(d)); });
  };

  // Load a file's bytes (or text); refused, with the CLI's diagnostics, when the CLI rejects it.
  Form.prototype.load = function (bytes, name) {
    var checked = typeof bytes === "string" ? E.check(this.cl, bytes, this.options(name)) :
      E.checkBytes(this.cl, bytes, this.options(name));
    var errors = checked.diagnostics.filter(function (d) { return d.severity === "error"; });
    var warnings = checked.diagnostics.filter(function (d) { return d.severity !== "error" && d.code !== "PC405"; });
    this.loadBox.open = true;
    if (errors.length || !checked.data) {
      this.loadStatus.textContent = "Not loaded: playbook-check rejects this file (" + plural(errors.length, "error") + "). " +
        "Fix it and load it again; your answers in the form are unchanged.";
      this.showLoadProblems(checked.diagnostics);
      return false;
    }
    this.doc = checked.data;
    if (typeof this.doc.team !== "string") this.doc.team = "";
    this.write();
    this.update();
    this.loadStatus.textContent = warnings.length ?
      "Answers loaded, with " + plural(warnings.length, "warning") + " from playbook-check:" : "Answers loaded.";
    this.showLoadProblems(warnings);
    return true;
  };

  Form.prototype.loadText = function (text) { return this.load(text, this.cl.id + ".yaml"); };

  Form.prototype.download = function () {
    var text = this.text();
    var blob = new Blob([text], { type: "text/yaml" });
    var a = el("a", { href: URL.createObjectURL(blob), download: this.cl.id + ".yaml" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    return text;
  };

  function init() {
    var forms = {};
    document.querySelectorAll(".playbook-form[data-checklist]").forEach(function (root) {
      var id = root.getAttribute("data-checklist");
      var data = document.getElementById("playbook-rules-" + id);
      if (!data) return;
      forms[id] = new Form(root, JSON.parse(data.textContent));
    });
    window.PlaybookForms = forms;
    if (Object.keys(forms).length) {
      document.querySelectorAll(".playbook-form-note").forEach(function (note) { note.hidden = false; });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
