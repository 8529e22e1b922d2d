// The preview page's script (served only by `almanac preview`, never part of the HTML edition):
// listens to the server's events, swaps in the sections of the chapters that changed (or reloads the
// page when more changed, or the source has errors), and lists the source findings of the chapter in
// view in the panel. Text is set with textContent only.
(() => {
  "use strict";
  const panel = document.getElementById("preview-panel");
  const list = document.getElementById("preview-findings");
  const label = document.getElementById("preview-panel-chapter");
  let version = Number(panel.dataset.version);
  let findings = {};
  let titles = {};
  let current;

  function chapterInView() {
    const sections = document.querySelectorAll("section.chapter[id^='chapter-']");
    let chosen = sections.length ? sections[0] : null;
    const line = window.innerHeight * 0.3;
    for (const section of sections) {
      if (section.getBoundingClientRect().top <= line) chosen = section; else break;
    }
    return chosen ? chosen.id.slice("chapter-".length) : null;
  }

  function paragraph(text, className) {
    const p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function render(force) {
    const id = chapterInView();
    if (!force && id === current) return;
    current = id;
    list.replaceChildren();
    if (!id) {
      label.textContent = "";
      return;
    }
    const items = findings[id] || [];
    label.textContent = `${titles[id] || id}: ${items.length} finding${items.length === 1 ? "" : "s"}`;
    for (const f of items) {
      const li = document.createElement("li");
      li.className = `preview-finding preview-severity-${f.severity}` + (f.status === "open" ? "" : " preview-waived");
      li.dataset.rule = f.rule;
      const head = document.createElement("p");
      const severity = document.createElement("strong");
      severity.textContent = f.status === "open" ? f.severity : `${f.severity}, waived`;
      const where = document.createElement("code");
      where.textContent = f.where;
      head.append(severity, " at ", where);
      li.append(head, paragraph(`${f.message} (${f.rule})`), paragraph(`How to fix: ${f.fix}`, "preview-fix"));
      list.append(li);
    }
    if (!items.length) list.append(Object.assign(document.createElement("li"), { textContent: "No findings in this chapter." }));
  }

  async function loadState() {
    const response = await fetch("/__preview/state", { cache: "no-store" });
    const state = await response.json();
    if (state.version > version) {
      location.reload();
      return;
    }
    findings = state.findings;
    titles = state.titles;
    render(true);
    document.documentElement.dataset.previewReady = String(version);
  }

  let ticking = false;
  window.addEventListener("scroll", () => {
    if (ticking) return;
    ticking = true;
    requestAnimationFrame(() => {
      ticking = false;
      render(false);
    });
  }, { passive: true });

  const events = new EventSource("/__preview/events?since=" + version);
  events.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.version <= version) return;
    if (message.full) {
      location.reload();
      return;
    }
    version = message.version;
    for (const [id, html] of Object.entries(message.sections)) {
      const old = document.getElementById("chapter-" + id);
      if (old) old.outerHTML = html;
      findings[id] = message.findings[id] || [];
    }
    if (message.nav) {
      const nav = document.querySelector("nav.contents");
      if (nav) nav.outerHTML = message.nav;
    }
    panel.dataset.version = String(version);
    window.previewSeconds = message.seconds;
    render(true);
  };
  loadState();
  // a safety net for a missed event (a page shown while a save was being rebuilt): compare versions
  setInterval(async () => {
    try {
      const response = await fetch("/__preview/version", { cache: "no-store" });
      if ((await response.json()).version > version) location.reload();
    } catch (error) {
      // the preview has stopped: nothing to do
    }
  }, document.querySelector(".preview-problems") ? 1000 : 5000);
})();
