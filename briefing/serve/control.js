// The clicker: Next and Previous, the current and next slide's titles, the notes, elapsed time
// and pace. The token is in the URL's fragment (#...), which a browser never sends to a server,
// and goes only into the Authorization header of this page's own requests.
// Deck text only ever goes in through textContent; nothing here writes HTML.
(() => {
  "use strict";
  const token = location.hash.slice(1);
  const $ = (id) => document.getElementById(id);
  const fields = {
    position: $("position"), title: $("title"), next: $("next-title"), notes: $("notes"),
    elapsed: $("elapsed"), pace: $("pace"), problem: $("problem"),
  };
  let view = null; // the last /api/notes answer
  let asked = 0; // answers to older requests are dropped

  function say(problem) {
    fields.problem.textContent = problem;
    fields.problem.hidden = !problem;
  }

  async function call(method, path, body) {
    const options = { method, headers: { Authorization: `Bearer ${token}` }, cache: "no-store" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || `${response.status} ${response.statusText}`);
    return data;
  }

  async function refresh() {
    const ticket = ++asked;
    try {
      const data = await call("GET", "/api/notes");
      if (ticket !== asked) return;
      view = data;
      draw();
      say("");
    } catch (error) {
      if (ticket === asked) say(token ? String(error.message) : "This page needs the control URL printed by briefing serve.");
    }
  }

  function clock(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    const [h, m, s] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
    const two = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
  }

  function elapsed() {
    const timer = view.timer;
    const running = timer.mode === "running" ? Math.max(0, Date.now() - timer.since_ms) : 0;
    return (timer.elapsed_ms + running) / 1000;
  }

  function draw() {
    if (!view) return;
    const steps = view.steps > 1 ? ` \u00b7 step ${view.step}/${view.steps}` : "";
    fields.position.textContent = `${view.slide}/${view.count}${steps}${view.blackout ? " \u00b7 blacked out" : ""}`;
    fields.title.textContent = view.title;
    fields.next.textContent = view.next_title ? `Next: ${view.next_title}` : "Last slide";
    fields.notes.textContent = view.notes || "(no notes)";
    tick();
  }

  function tick() {
    if (!view) return;
    const seconds = elapsed();
    fields.elapsed.textContent = `${clock(seconds)}${view.timer.mode === "paused" ? " (paused)" : ""}`;
    if (view.duration) {
      const allotted = (view.duration * view.slide) / view.count; // to the end of this slide
      fields.pace.textContent = seconds > allotted ? "behind" : "on pace";
      fields.pace.classList.toggle("behind", seconds > allotted);
    } else {
      fields.pace.textContent = "";
    }
  }

  async function act(path, body) {
    try {
      view = await call("POST", path, body);
      draw();
      say("");
    } catch (error) {
      say(String(error.message));
    }
  }

  $("next").addEventListener("click", () => act("/api/next"));
  $("prev").addEventListener("click", () => act("/api/prev"));
  $("blackout").addEventListener("click", () => act("/api/blackout"));
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const path = { ArrowRight: "/api/next", PageDown: "/api/next", ArrowLeft: "/api/prev", PageUp: "/api/prev" }[event.key];
    if (!path) return;
    event.preventDefault();
    act(path);
  });

  function connect() {
    const source = new EventSource("/events");
    source.addEventListener("position", refresh);
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 1000);
      }
    });
  }
  connect();
  refresh();
  setInterval(tick, 1000);
})();
