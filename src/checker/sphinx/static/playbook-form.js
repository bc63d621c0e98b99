/*
 * ML Team Playbook — fill in a checklist in the browser.
 *
 * The rules engine below mirrors checker.conditions, checker.evaluate and checker.answers
 * (Python): three-valued conditions, visibility in question order, points, section and overall
 * scores, costs, levels, findings and exemptions. Tests drive this page in Chromium and compare
 * its verdict with `playbook-check report --format json` on shared fixtures.
 *
 * No network and no dependencies, except the vendored js-yaml (CORE schema) to load answers files.
 * Team-written text is only ever inserted with textContent.
 */
(function () {
  "use strict";

  var RANK = { low: 1, medium: 2, high: 3 };
  var YES = { yes: true, "true": true, no: false, "false": false };

  function round2(x) {
    return x === null || x === undefined ? null : Math.floor(x * 100 + 0.5 + 1e-9) / 100;
  }

  function isNumber(v) {
    return typeof v === "number" && isFinite(v);
  }

  function questionList(cl) {
    var out = [];
    cl.sections.forEach(function (s) { s.questions.forEach(function (q) { out.push(q); }); });
    return out;
  }

  function choiceIds(q) {
    return q.choices.map(function (c) { return c.id; });
  }

  /* ---------- answers: normal form (see checker.answers._normalise) ---------- */

  function NA(reason) { this.reason = reason; }

  // Nothing visible: only whitespace and zero-width characters (see checker.textsafe.is_blank).
  var BLANK = /^[\s\u180e\u200b-\u200d\u2060\ufeff]*$/;
  function isBlank(text) { return BLANK.test(text); }

  // Returns {value: normalised value | NA | null, error: message | null}.
  function normalise(q, raw) {
    if (raw === null || raw === undefined) return { value: null, error: null };
    if (typeof raw === "object" && !Array.isArray(raw)) {
      var reason = raw.not_applicable;
      if (typeof reason === "string" && !isBlank(reason)) return { value: new NA(reason.trim()), error: null };
      return { value: null, error: null };
    }
    var bad = { value: null, error: q.id + ": " + JSON.stringify(raw) + " is not a valid " + q.kind + " answer" };
    switch (q.kind) {
      case "yes-no":
        if (typeof raw === "boolean") return { value: raw, error: null };
        var v = YES[String(raw).toLowerCase()];
        return v === undefined ? bad : { value: v, error: null };
      case "count":
        return isNumber(raw) && Number.isInteger(raw) && raw >= 0 ? { value: raw, error: null } : bad;
      case "number":
        return isNumber(raw) ? { value: raw, error: null } : bad;
      case "percent":
        return isNumber(raw) && raw >= 0 && raw <= 100 ? { value: raw, error: null } : bad;
      case "choice":
        return typeof raw === "string" && choiceIds(q).indexOf(raw) >= 0 ? { value: raw, error: null } : bad;
      case "multi-choice":
        if (!Array.isArray(raw)) return bad;
        var seen = [];
        for (var i = 0; i < raw.length; i++) {
          if (choiceIds(q).indexOf(raw[i]) < 0 || seen.indexOf(raw[i]) >= 0) return bad;
          seen.push(raw[i]);
        }
        return { value: seen, error: null };
      default:
        return typeof raw === "string" ? { value: raw, error: null } : bad;
    }
  }

  /* ---------- conditions: three-valued (true, false, null = unknown) ---------- */

  function equal(a, b) {
    if (typeof a === "boolean" || typeof b === "boolean") return a === b;
    return a === b;
  }

  function compare(c, value) {
    switch (c.op) {
      case "is": return equal(value, c.value);
      case "in":
        if (Array.isArray(value)) return value.some(function (v) { return c.value.indexOf(v) >= 0; });
        return c.value.some(function (v) { return equal(value, v); });
      case "has": return Array.isArray(value) && value.indexOf(c.value) >= 0;
    }
    if (typeof value !== "number") return false;
    if (c.op === "at_least") return value >= c.value && (c.below === undefined || c.below === null || value < c.below);
    return value < c.value;
  }

  function evalCond(c, valueOf, answered) {
    if (c.all) {
      var result = true;
      for (var i = 0; i < c.all.length; i++) {
        var r = evalCond(c.all[i], valueOf, answered);
        if (r === false) return false;
        if (r === null) result = null;
      }
      return result;
    }
    if (c.any) {
      var res = false;
      for (var j = 0; j < c.any.length; j++) {
        var s = evalCond(c.any[j], valueOf, answered);
        if (s === true) return true;
        if (s === null) res = null;
      }
      return res;
    }
    if (c.not) {
      var inner = evalCond(c.not, valueOf, answered);
      return inner === null ? null : !inner;
    }
    if (c.ratio) {
      var num = valueOf(c.ratio[0]), den = valueOf(c.ratio[1]);
      if (num === null || den === null) return null;
      var ratio;
      if (den === 0) {
        if (num === 0) return null;
        ratio = Infinity;
      } else {
        ratio = num / den;
      }
      return (c.at_least === null || c.at_least === undefined || ratio >= c.at_least) &&
        (c.below === null || c.below === undefined || ratio < c.below);
    }
    if (c.op === "answered") {
      var state = answered(c.answer);
      return state === null ? null : state === c.value;
    }
    var value = valueOf(c.answer);
    if (value === null) return null;
    return compare(c, value);
  }

  function references(c, out) {
    if (c.all) c.all.forEach(function (x) { references(x, out); });
    else if (c.any) c.any.forEach(function (x) { references(x, out); });
    else if (c.not) references(c.not, out);
    else if (c.ratio) { out.push(c.ratio[0]); out.push(c.ratio[1]); }
    else out.push(c.answer);
    return out;
  }

  /* ---------- evaluation (see checker.evaluate) ---------- */

  function accessors(values, visible) {
    return {
      valueOf: function (q) {
        if (!visible[q]) return null;
        var v = values[q];
        return v === undefined || v === null || v instanceof NA ? null : v;
      },
      answered: function (q) {
        if (!visible[q]) return null;
        return values[q] !== undefined && values[q] !== null;
      }
    };
  }

  function visibleQuestions(cl, values) {
    var shown = {};
    var acc = accessors(values, shown);
    questionList(cl).forEach(function (q) {
      if (!q.show_if || evalCond(q.show_if, acc.valueOf, acc.answered) === true) shown[q.id] = true;
    });
    return shown;
  }

  function questionPoints(q, value) {
    var pts = q.points;
    if (pts === null || value === null || value === undefined) return 0;
    if (Array.isArray(pts)) {
      if (typeof value !== "number") return 0;
      for (var i = 0; i < pts.length; i++) {
        var b = pts[i];
        if ((b.at_least === null || value >= b.at_least) && (b.below === null || value < b.below)) return b.points;
      }
      return 0;
    }
    if (q.kind === "multi-choice") {
      var total = 0;
      value.forEach(function (v) { total += pts[v] || 0; });
      return Math.max(0, Math.min(total, q.max));
    }
    if (q.kind === "yes-no") return pts[value ? "yes" : "no"] || 0;
    return pts[value] || 0;
  }

  function levelFor(cl, overall) {
    if (overall === null) return null;
    for (var i = 0; i < cl.levels.length; i++) {
      var lv = cl.levels[i];
      if (lv.below !== null && lv.below !== undefined) { if (overall < lv.below) return lv.name; }
      else if (lv.at_most === null || lv.at_most === undefined || overall <= lv.at_most) return lv.name;
    }
    return cl.levels[cl.levels.length - 1].name;
  }

  function score(cl, values, visible) {
    var sections = [], losses = [];
    cl.sections.forEach(function (s) {
      var earned = 0, maximum = 0;
      s.questions.forEach(function (q) {
        var value = values[q.id];
        if (!visible[q.id] || !(q.points !== null && q.max > 0) || value instanceof NA) return;
        var got = questionPoints(q, value === undefined ? null : value);
        maximum += q.max;
        earned += got;
        if (got < q.max) losses.push([q.id, s.id, q.max - got]);
      });
      sections.push({ id: s.id, title: s.title, weight: s.weight, earned: earned, max: maximum,
        score: maximum <= 0 ? null : cl.unit === "points" ? earned : 100 * earned / maximum });
    });
    var scored = sections.filter(function (s) { return s.max > 0; });
    var overall = null, share = {};
    if (scored.length) {
      if (cl.aggregate === "min") {
        var weakest = scored.slice().sort(function (a, b) {
          return a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        })[0];
        overall = weakest.score;
        share[weakest.id] = 1;
      } else {
        var total = 0, weights = {};
        scored.forEach(function (s) { weights[s.id] = cl.aggregate === "weighted" ? s.weight : 1; });
        scored.forEach(function (s) { total += weights[s.id]; });
        scored.forEach(function (s) { share[s.id] = weights[s.id] / total; });
        overall = 0;
        scored.forEach(function (s) { overall += (s.score || 0) * share[s.id]; });
      }
    }
    var maxima = {};
    sections.forEach(function (s) { maxima[s.id] = s.max; });
    var costs = losses.map(function (l) {
      var lost = cl.unit === "points" ? l[2] : 100 * l[2] / maxima[l[1]];
      return { question: l[0], section: l[1], lost: l[2], cost: lost * (share[l[1]] || 0) };
    });
    costs.sort(function (a, b) {
      var d = Math.round(b.cost * 1e6) - Math.round(a.cost * 1e6);
      return d || (a.question < b.question ? -1 : a.question > b.question ? 1 : 0);
    });
    return { aggregate: cl.aggregate, unit: cl.unit || "percent", overall: overall, level: levelFor(cl, overall), sections: sections, costs: costs };
  }

  function evaluate(cl, values, exemptions, today) {
    var visible = visibleQuestions(cl, values);
    var acc = accessors(values, visible);
    var byFinding = {};
    (exemptions || []).forEach(function (e) { byFinding[e.finding] = e; });
    var findings = [];
    cl.findings.forEach(function (rule) {
      if (evalCond(rule.when, acc.valueOf, acc.answered) !== true) return;
      var ex = byFinding[rule.id];
      var active = ex !== undefined && ex.expires >= today;
      var refs = references(rule.when, []).filter(function (q, i, all) { return all.indexOf(q) === i; });
      findings.push({ id: rule.id, title: rule.title, pitfall: rule.pitfall, risk: rule.risk,
        advice: rule.advice, status: active ? "exempted" : "open", exemption: active ? ex : null, triggers: refs });
    });
    (exemptions || []).forEach(function (e) {
      var rule = cl.findings.filter(function (f) { return f.id === e.finding; })[0];
      if (rule && e.expires < today) {
        findings.push({ id: "expired-exemption:" + rule.id,
          title: "Exemption for '" + rule.id + "' expired on " + e.expires,
          pitfall: rule.pitfall, risk: rule.risk,
          advice: "Fix the finding or renew the exemption with a new date and reason (owner: " + e.owner + ").",
          status: "open", exemption: null, triggers: [] });
      }
    });
    findings.sort(function (a, b) {
      return RANK[b.risk] - RANK[a.risk] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return { visible: visible, findings: findings, score: score(cl, values, visible) };
  }

  /* Public result in the report's JSON shape (rounded like checker.report.document). */
  function publicResult(res) {
    var counts = { high: 0, medium: 0, low: 0 };
    res.findings.forEach(function (f) { if (f.status === "open") counts[f.risk] += 1; });
    return {
      score: {
        aggregate: res.score.aggregate,
        unit: res.score.unit,
        overall: round2(res.score.overall),
        level: res.score.level,
        sections: res.score.sections.map(function (s) {
          return { id: s.id, title: s.title, weight: s.weight, earned: round2(s.earned), max: round2(s.max), score: round2(s.score) };
        }),
        costs: res.score.costs.map(function (c) {
          return { question: c.question, section: c.section, lost: round2(c.lost), cost: round2(c.cost) };
        })
      },
      findings: res.findings.map(function (f) {
        return { id: f.id, title: f.title, pitfall: f.pitfall, risk: f.risk, status: f.status, advice: f.advice };
      }),
      counts: counts
    };
  }

  /* ---------- YAML out (answers file) ---------- */

  function yamlScalar(q, value) {
    if (value instanceof NA) return "{not_applicable: " + JSON.stringify(value.reason) + "}";
    if (q.kind === "yes-no") return value ? "yes" : "no";
    if (q.kind === "multi-choice") return "[" + value.join(", ") + "]";
    if (q.kind === "text") return JSON.stringify(value);
    return String(value);
  }

  function toYaml(cl, state) {
    var lines = [
      "# Answers to the '" + cl.title + "' checklist, downloaded from the ML Team Playbook.",
      "# Check with: playbook-check validate THIS-FILE",
      "checklist: " + cl.id + "@" + cl.answers_version,
      "team: " + JSON.stringify(state.team || "Our team"),
      "assessed: " + state.today,
      "answers:"
    ];
    questionList(cl).forEach(function (q) {
      if (!state.visible[q.id]) return;
      var v = state.values[q.id];
      lines.push("  " + q.id + ":" + (v === undefined || v === null ? "" : " " + yamlScalar(q, v)));
    });
    var notes = Object.keys(state.notes || {}).filter(function (k) { return state.notes[k]; });
    if (notes.length) {
      lines.push("notes:");
      notes.forEach(function (k) { lines.push("  " + k + ": " + JSON.stringify(state.notes[k])); });
    }
    if (state.exemptions && state.exemptions.length) {
      lines.push("exemptions:");
      state.exemptions.forEach(function (e) {
        lines.push("  - finding: " + e.finding);
        lines.push("    owner: " + JSON.stringify(e.owner));
        lines.push("    reason: " + JSON.stringify(e.reason));
        lines.push("    expires: " + e.expires);
      });
    }
    return lines.join("\n") + "\n";
  }

  /* ---------- the form ---------- */

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

  function Form(root, cl, pitfalls) {
    this.root = root;
    this.cl = cl;
    this.pitfalls = pitfalls || {};
    this.key = "playbook-answers:" + cl.id;
    this.today = todayIso(root);
    this.values = {};
    this.notes = {};
    this.exemptions = [];
    this.team = "";
    this.inputs = {};
    this.build();
    this.restore();
    this.update();
  }

  Form.prototype.build = function () {
    var self = this, cl = this.cl, uid = "pf-" + cl.id;
    var form = el("form", { className: "playbook-form-body", novalidate: "novalidate" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var intro = el("p", { className: "playbook-form-intro" },
      "Answer the questions below; findings and scores update as you go. Your answers stay in this browser.");
    form.appendChild(intro);
    var teamRow = el("p", { className: "playbook-field" });
    var teamLabel = el("label", { "for": uid + "-team" }, "Team name");
    var teamInput = el("input", { type: "text", id: uid + "-team", name: "team", autocomplete: "organization" });
    teamInput.addEventListener("input", function () { self.team = teamInput.value; self.save(); });
    this.teamInput = teamInput;
    teamRow.appendChild(teamLabel);
    teamRow.appendChild(teamInput);
    form.appendChild(teamRow);

    cl.sections.forEach(function (s) {
      var fs = el("fieldset", { className: "playbook-form-section" });
      fs.appendChild(el("legend", {}, s.title));
      s.questions.forEach(function (q) { fs.appendChild(self.question(q, uid)); });
      form.appendChild(fs);
    });

    var actions = el("div", { className: "playbook-form-actions" });
    var download = el("button", { type: "button", className: "playbook-download" }, "Download answers");
    download.addEventListener("click", function () { self.download(); });
    var clear = el("button", { type: "button", className: "playbook-clear" }, "Clear answers");
    clear.addEventListener("click", function () { self.clear(); });
    actions.appendChild(download);
    actions.appendChild(clear);
    form.appendChild(actions);

    var load = el("details", { className: "playbook-load" });
    load.appendChild(el("summary", {}, "Load answers"));
    var fileLabel = el("label", { "for": uid + "-file" }, "Answers file (YAML)");
    var file = el("input", { type: "file", id: uid + "-file", accept: ".yaml,.yml,text/yaml" });
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      file.files[0].text().then(function (text) { self.loadText(text); });
    });
    var pasteLabel = el("label", { "for": uid + "-paste" }, "Or paste its text");
    var paste = el("textarea", { id: uid + "-paste", rows: "6", className: "playbook-paste" });
    var loadButton = el("button", { type: "button", className: "playbook-load-button" }, "Load pasted answers");
    loadButton.addEventListener("click", function () { self.loadText(paste.value); });
    this.loadStatus = el("p", { className: "playbook-load-status", role: "status" });
    [fileLabel, file, pasteLabel, paste, loadButton, this.loadStatus].forEach(function (n) { load.appendChild(n); });
    form.appendChild(load);

    this.results = el("section", { className: "playbook-results", "aria-live": "polite", "aria-label": "Results" });
    this.root.appendChild(form);
    this.root.appendChild(this.results);
    this.root.hidden = false;
  };

  Form.prototype.question = function (q, uid) {
    var self = this, id = uid + "-" + q.id;
    var wrap = el("div", { className: "playbook-form-question", "data-question": q.id });
    var group = q.kind === "yes-no" || q.kind === "choice" || q.kind === "multi-choice";
    var labelBox = group ? el("fieldset", { className: "playbook-choice-group" }) : wrap;
    var prompt = group ? el("legend", {}, q.prompt) : el("label", { "for": id }, q.prompt);
    labelBox.appendChild(prompt);
    if (q.help) labelBox.appendChild(el("p", { className: "playbook-help", id: id + "-help" }, q.help));
    var onChange = function () { self.read(q); self.update(); };
    var controls = [];
    if (q.kind === "yes-no") {
      [["yes", "Yes"], ["no", "No"]].forEach(function (opt) {
        var input = el("input", { type: "radio", name: id, id: id + "-" + opt[0], value: opt[0] });
        input.addEventListener("change", onChange);
        var lab = el("label", { "for": id + "-" + opt[0] }, opt[1]);
        labelBox.appendChild(input); labelBox.appendChild(lab);
        controls.push(input);
      });
    } else if (q.kind === "choice" || q.kind === "multi-choice") {
      q.choices.forEach(function (c) {
        var input = el("input", { type: q.kind === "choice" ? "radio" : "checkbox", name: id, id: id + "-" + c.id, value: c.id });
        input.addEventListener("change", onChange);
        var row = el("div", { className: "playbook-choice" });
        row.appendChild(input);
        row.appendChild(el("label", { "for": id + "-" + c.id }, c.label));
        labelBox.appendChild(row);
        controls.push(input);
      });
    } else if (q.kind === "text") {
      var ta = el("textarea", { id: id, rows: "3" });
      ta.addEventListener("input", onChange);
      labelBox.appendChild(ta);
      controls.push(ta);
    } else {
      var attrs = { type: "number", id: id, inputmode: q.kind === "count" ? "numeric" : "decimal" };
      if (q.kind === "count") { attrs.min = "0"; attrs.step = "1"; }
      if (q.kind === "percent") { attrs.min = "0"; attrs.max = "100"; attrs.step = "any"; }
      if (q.kind === "number") attrs.step = "any";
      var num = el("input", attrs);
      num.addEventListener("input", onChange);
      labelBox.appendChild(num);
      controls.push(num);
    }
    if (q.help && !group) controls.forEach(function (c) { c.setAttribute("aria-describedby", id + "-help"); });
    if (group) wrap.appendChild(labelBox);
    var naBox = el("div", { className: "playbook-na" });
    var na = el("input", { type: "checkbox", id: id + "-na" });
    var naLabel = el("label", { "for": id + "-na" }, "Not applicable");
    var reason = el("input", { type: "text", id: id + "-reason", placeholder: "Why it does not apply (required)", "aria-label": "Reason it does not apply" });
    reason.hidden = true;
    na.addEventListener("change", function () { reason.hidden = !na.checked; onChange(); });
    reason.addEventListener("input", onChange);
    naBox.appendChild(na); naBox.appendChild(naLabel); naBox.appendChild(reason);
    wrap.appendChild(naBox);
    this.inputs[q.id] = { wrap: wrap, controls: controls, na: na, reason: reason };
    return wrap;
  };

  Form.prototype.read = function (q) {
    var ctl = this.inputs[q.id], value = null;
    if (ctl.na.checked) {
      value = !isBlank(ctl.reason.value) ? new NA(ctl.reason.value.trim()) : null;
    } else if (q.kind === "multi-choice") {
      // Read only after the reader touched this question, so an empty list means "none of these".
      value = ctl.controls.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
    } else if (q.kind === "yes-no" || q.kind === "choice") {
      var picked = ctl.controls.filter(function (c) { return c.checked; })[0];
      value = picked ? (q.kind === "yes-no" ? picked.value === "yes" : picked.value) : null;
    } else if (q.kind === "text") {
      value = ctl.controls[0].value ? ctl.controls[0].value : null;
    } else {
      var raw = ctl.controls[0].value;
      value = raw === "" ? null : Number(raw);
      if (value !== null && normalise(q, value).error) value = null;
    }
    this.values[q.id] = value;
  };

  Form.prototype.write = function () {
    var self = this;
    this.teamInput.value = this.team || "";
    questionList(this.cl).forEach(function (q) {
      var ctl = self.inputs[q.id], v = self.values[q.id];
      ctl.na.checked = v instanceof NA;
      ctl.reason.hidden = !(v instanceof NA);
      ctl.reason.value = v instanceof NA ? v.reason : "";
      ctl.controls.forEach(function (c) {
        if (c.type === "radio") {
          c.checked = v !== null && v !== undefined && !(v instanceof NA) &&
            (q.kind === "yes-no" ? c.value === (v ? "yes" : "no") : c.value === v);
        } else if (c.type === "checkbox") {
          c.checked = Array.isArray(v) && v.indexOf(c.value) >= 0;
        } else {
          c.value = v === null || v === undefined || v instanceof NA ? "" : String(v);
        }
      });
    });
  };

  Form.prototype.update = function () {
    var res = evaluate(this.cl, this.values, this.exemptions, this.today);
    this.visible = res.visible;
    var self = this;
    questionList(this.cl).forEach(function (q) { self.inputs[q.id].wrap.hidden = !res.visible[q.id]; });
    this.result = publicResult(res);
    this.render(res);
    this.save();
    this.root.dispatchEvent(new CustomEvent("playbook:update", { detail: this.result }));
  };

  Form.prototype.render = function (res) {
    var out = this.results, r = this.result;
    out.textContent = "";
    out.appendChild(el("h3", {}, "Your result"));
    var unanswered = questionList(this.cl).filter(function (q) {
      var v = this.values[q.id];
      return res.visible[q.id] && q.required && (v === null || v === undefined);
    }, this).length;
    var summary = el("p", { className: "playbook-result-summary" });
    summary.appendChild(document.createTextNode("Overall score "));
    summary.appendChild(el("strong", { className: "playbook-overall" }, r.score.overall === null ? "n/a" : String(r.score.overall)));
    summary.appendChild(document.createTextNode(r.score.unit === "points" ? " points, maturity level " : " of 100, maturity level "));
    summary.appendChild(el("strong", { className: "playbook-level" }, r.score.level || "n/a"));
    summary.appendChild(document.createTextNode(unanswered ? " (" + unanswered + " question(s) still unanswered count as 0)." : "."));
    out.appendChild(summary);
    var table = el("table", { className: "playbook-result-sections" });
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "Section"));
    head.appendChild(el("th", { scope: "col" }, "Score"));
    table.appendChild(head);
    r.score.sections.forEach(function (s) {
      var row = el("tr", { "data-section": s.id });
      row.appendChild(el("td", {}, s.title));
      row.appendChild(el("td", {}, s.score === null ? "n/a" : String(s.score)));
      table.appendChild(row);
    });
    out.appendChild(table);
    if (!res.findings.length) {
      out.appendChild(el("p", { className: "playbook-no-findings" }, "No findings so far."));
      return;
    }
    var list = el("ul", { className: "playbook-result-findings" });
    var pitfalls = this.pitfalls;
    res.findings.forEach(function (f) {
      var item = el("li", { "data-finding": f.id, "data-risk": f.risk, "data-status": f.status });
      var colour = { high: "danger", medium: "warning", low: "info" }[f.risk];
      item.appendChild(el("span", { className: "sd-sphinx-override sd-badge sd-bg-" + colour + " sd-bg-text-" + colour +
        " playbook-risk playbook-risk-" + f.risk }, f.risk + " risk"));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("strong", {}, f.title));
      if (f.status === "exempted") item.appendChild(document.createTextNode(" (exempted until " + f.exemption.expires + ")"));
      var advice = el("p", {}, f.advice + " ");
      var p = pitfalls[f.pitfall];
      if (p && p.url) {
        var link = el("a", { href: p.url }, p.title);
        advice.appendChild(document.createTextNode("See "));
        advice.appendChild(link);
        advice.appendChild(document.createTextNode("."));
      }
      item.appendChild(advice);
      list.appendChild(item);
    });
    out.appendChild(list);
  };

  Form.prototype.state = function () {
    return { team: this.team, today: this.today, values: this.values, visible: this.visible,
      notes: this.notes, exemptions: this.exemptions };
  };

  Form.prototype.save = function () {
    try {
      var values = {};
      var vals = this.values;
      Object.keys(vals).forEach(function (k) {
        var v = vals[k];
        values[k] = v instanceof NA ? { not_applicable: v.reason } : v;
      });
      window.localStorage.setItem(this.key, JSON.stringify({ team: this.team, values: values,
        notes: this.notes, exemptions: this.exemptions }));
    } catch (e) { /* storage may be disabled; the form still works */ }
  };

  Form.prototype.restore = function () {
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(this.key) || "null"); } catch (e) { saved = null; }
    if (saved && typeof saved === "object") this.apply(saved, true);
  };

  Form.prototype.clear = function () {
    try { window.localStorage.removeItem(this.key); } catch (e) { /* ignore */ }
    this.values = {}; this.notes = {}; this.exemptions = []; this.team = "";
    this.write();
    this.update();
  };

  // Apply parsed answers data ({team, answers|values, notes, exemptions}); returns error list.
  Form.prototype.apply = function (data, quiet) {
    var self = this, errors = [], qs = {};
    questionList(this.cl).forEach(function (q) { qs[q.id] = q; });
    var answers = data.answers || data.values || {};
    var values = {};
    Object.keys(answers).forEach(function (k) {
      if (!qs[k]) { errors.push("unknown question " + JSON.stringify(k)); return; }
      var n = normalise(qs[k], answers[k]);
      if (n.error) errors.push(n.error);
      else values[k] = n.value;
    });
    this.values = values;
    this.team = typeof data.team === "string" ? data.team : "";
    this.notes = data.notes && typeof data.notes === "object" ? data.notes : {};
    this.exemptions = Array.isArray(data.exemptions) ? data.exemptions.filter(function (e) {
      return e && typeof e.finding === "string" && typeof e.expires === "string";
    }).map(function (e) {
      return { finding: e.finding, owner: String(e.owner || ""), reason: String(e.reason || ""), expires: e.expires };
    }) : [];
    this.write();
    if (!quiet) this.update();
    return errors;
  };

  Form.prototype.loadText = function (text) {
    var status = this.loadStatus, data;
    try {
      data = window.jsyaml.load(text, { schema: window.jsyaml.CORE_SCHEMA, json: false });
    } catch (e) {
      var where = e.mark ? " at line " + (e.mark.line + 1) + ", column " + (e.mark.column + 1) : "";
      status.textContent = "Could not read the answers" + where + ": " + (e.reason || e.message);
      return false;
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      status.textContent = "Could not read the answers: expected a mapping with checklist, team and answers.";
      return false;
    }
    var ref = String(data.checklist || "");
    if (ref.split("@")[0] !== this.cl.id) {
      status.textContent = "These answers are for " + JSON.stringify(ref) + ", not for " + this.cl.id + ".";
      return false;
    }
    var errors = this.apply(data, false);
    status.textContent = errors.length ? "Loaded with problems: " + errors.join("; ") : "Answers loaded.";
    return errors.length === 0;
  };

  Form.prototype.download = function () {
    var text = toYaml(this.cl, this.state());
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
      var payload = JSON.parse(data.textContent);
      forms[id] = new Form(root, payload.checklist, payload.pitfalls);
    });
    window.PlaybookForms = forms;
  }

  window.PlaybookEngine = { evaluate: evaluate, publicResult: publicResult, normalise: normalise, NA: NA, toYaml: toYaml };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
