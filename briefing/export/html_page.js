// The exported deck as a slideshow: keys, swipes and the URL hash (#5) move between slides
// and reveal their steps; `s` shows the speaker notes (if exported), `o` every slide by title.
// It reads the slides from the page and never writes HTML: only classes, attributes and text.
// window.briefing.go(slide, step) moves the show from outside (a live position, later).
(() => {
  "use strict";
  const root = document.documentElement;
  const slides = Array.from(document.querySelectorAll("#slides > .slide"));
  const overview = document.getElementById("overview");
  const status = document.getElementById("status");
  if (!slides.length || !overview || !status) return;
  const links = Array.from(overview.querySelectorAll("a"));
  const position = status.querySelector(".position");
  const progress = status.querySelector(".progress > span");
  let slide = 0; // 0-based, like step
  let step = 0;
  let drawn = -1;

  const stepsOf = (index) => Math.max(1, parseInt(slides[index].dataset.steps, 10) || 1);
  const clamp = (value, low, high) => Math.min(Math.max(value, low), high);

  function draw() {
    const section = slides[slide];
    if (drawn !== slide) {
      slides.forEach((other, index) => {
        other.classList.toggle("current", index === slide);
        other.toggleAttribute("aria-hidden", index !== slide);
      });
      section.scrollTop = 0;
      if (!root.classList.contains("show-overview")) section.focus({ preventScroll: true });
      links.forEach((link, index) => link.toggleAttribute("aria-current", index === slide));
      drawn = slide;
    }
    const shown = step + 1;
    for (const element of section.querySelectorAll("[data-step], [data-until]")) {
      const from = parseInt(element.dataset.step, 10) || 1;
      const until = parseInt(element.dataset.until, 10) || Infinity;
      element.classList.toggle("off", shown < from || shown > until);
    }
    const steps = stepsOf(slide);
    position.textContent = `${slide + 1}/${slides.length}` + (steps > 1 ? ` \u00b7 ${shown}/${steps}` : "");
    progress.style.width = `${(100 * (slide + 1)) / slides.length}%`;
    const hash = `#${slide + 1}`;
    if (location.hash !== hash) {
      try {
        history.replaceState(null, "", hash); // no history entry per key, and no scrolling
      } catch (error) {
        location.replace(hash);
      }
    }
    document.dispatchEvent(new CustomEvent("briefing:position", { detail: current() }));
  }

  function current() {
    return { slide: slide + 1, step: step + 1, slides: slides.length, steps: stepsOf(slide) };
  }

  // Jumping to a slide starts it at its first step, as in the terminal.
  function go(number, stepNumber = 1) {
    slide = clamp(Math.trunc(number) - 1 || 0, 0, slides.length - 1);
    step = clamp(Math.trunc(stepNumber) - 1 || 0, 0, stepsOf(slide) - 1);
    draw();
  }

  function next() {
    if (step < stepsOf(slide) - 1) step += 1;
    else if (slide < slides.length - 1) [slide, step] = [slide + 1, 0];
    draw();
  }

  // Going back hides steps one by one; an earlier slide comes back whole, as it was seen.
  function previous() {
    if (step > 0) step -= 1;
    else if (slide > 0) [slide, step] = [slide - 1, stepsOf(slide - 1) - 1];
    draw();
  }

  function fromHash() {
    const match = /^#(\d+)$/.exec(location.hash);
    return match ? parseInt(match[1], 10) : null;
  }

  function showOverview(open) {
    root.classList.toggle("show-overview", open);
    if (open) links[slide].focus();
    else slides[slide].focus({ preventScroll: true });
  }

  function overviewKey(event) {
    const index = links.indexOf(document.activeElement);
    const move = { ArrowDown: 1, ArrowRight: 1, j: 1, ArrowUp: -1, ArrowLeft: -1, k: -1 }[event.key];
    if (move) links[clamp((index < 0 ? slide : index) + move, 0, links.length - 1)].focus();
    else if (event.key === "Home") links[0].focus();
    else if (event.key === "End") links[links.length - 1].focus();
    else if (event.key === "Escape" || event.key === "o") showOverview(false);
    else return false; // Enter follows the focused link: see the click handler
    return true;
  }

  function key(event) {
    switch (event.key) {
      case "ArrowRight": case "PageDown": case "l": case "Enter":
        next(); break;
      case " ":
        (event.shiftKey ? previous : next)(); break;
      case "ArrowLeft": case "PageUp": case "h": case "Backspace":
        previous(); break;
      case "Home": case "g":
        go(1); break;
      case "End": case "G":
        go(slides.length); break;
      case "s":
        root.classList.toggle("show-notes"); break;
      case "o":
        showOverview(true); break;
      default:
        return false; // ↑ ↓ and the rest keep their usual meaning (↑ ↓ scroll a tall slide)
    }
    return true;
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Enter" && event.target instanceof HTMLAnchorElement) return;
    const open = root.classList.contains("show-overview");
    if (open ? overviewKey(event) : key(event)) event.preventDefault();
  });

  overview.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link) return;
    event.preventDefault();
    showOverview(false);
    go(links.indexOf(link) + 1);
  });

  status.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-action]") : null;
    if (!button) return;
    (button.dataset.action === "previous" ? previous : next)();
    button.blur();
  });

  // A swipe sideways moves like ← and →, unless it scrolls a wide table or code block.
  let touch = null;
  document.addEventListener("touchstart", (event) => {
    const target = event.target instanceof Element ? event.target.closest("pre, .table") : null;
    const scrolls = target && target.scrollWidth > target.clientWidth;
    touch = event.touches.length === 1 && !scrolls ? event.touches[0] : null;
  }, { passive: true });
  document.addEventListener("touchend", (event) => {
    if (!touch) return;
    const end = event.changedTouches[0];
    const [dx, dy] = [end.clientX - touch.clientX, end.clientY - touch.clientY];
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) (dx < 0 ? next : previous)();
  }, { passive: true });

  window.addEventListener("hashchange", () => {
    const number = fromHash();
    if (number !== null && number !== slide + 1) go(number);
  });

  slides.forEach((section) => { section.tabIndex = -1; }); // focusable, so ↑ ↓ scroll it
  window.briefing = Object.freeze({ go, next, previous, position: current });
  root.classList.add("js");
  go(fromHash() || 1);
})();
