// The served page follows the presenter: the server's event stream says where the show is,
// and the exported page's window.briefing.go() goes there. A viewer may page back to re-read
// (a "Back to live" button appears), but not ahead of the presenter unless the server was
// started with --free. Blackout blanks the page. A deck edit reloads the page where it was.
// Text only ever goes in through textContent; nothing here writes HTML.
(() => {
  "use strict";
  const config = /*CONFIG*/ { version: "", free: false };
  const show = window.briefing;
  if (!show) return;
  const root = document.documentElement;
  const PLACE = "briefing-serve-place"; // sessionStorage: where a viewer was, across a reload
  let live = null; // the presenter's position, from the server
  let reviewing = false; // the viewer has paged away from it
  let applying = false; // our own go(): not the viewer's move

  const button = document.createElement("button");
  button.type = "button";
  button.id = "back-to-live";
  button.textContent = "Back to live";
  button.hidden = true;
  document.body.appendChild(button);
  const offline = document.createElement("div");
  offline.id = "offline";
  offline.setAttribute("role", "status");
  offline.textContent = "Reconnecting\u2026";
  document.body.appendChild(offline);

  const before = (a, b) => a.slide < b.slide || (a.slide === b.slide && a.step < b.step);
  const same = (a, b) => a.slide === b.slide && a.step === b.step;

  function go(position) {
    applying = true;
    try {
      show.go(position.slide, position.step);
    } finally {
      applying = false;
    }
  }

  function setReviewing(value) {
    reviewing = value;
    button.hidden = !value;
    root.classList.toggle("reviewing", value);
  }

  function backToLive() {
    setReviewing(false);
    if (live) go(live);
  }

  // Every move, ours or the viewer's (keys, swipes, the hash, the overview).
  document.addEventListener("briefing:position", (event) => {
    if (applying || !live) return;
    const here = event.detail;
    if (!config.free && before(live, here)) {
      queueMicrotask(backToLive); // not ahead of the presenter
    } else {
      setReviewing(!same(here, live));
    }
  });
  button.addEventListener("click", () => { backToLive(); button.blur(); });

  function valid(data) {
    const whole = (value) => Number.isInteger(value) && value >= 1;
    return data && whole(data.slide) && whole(data.step) && typeof data.blackout === "boolean"
      && typeof data.version === "string";
  }

  function moved(data) {
    if (!valid(data)) return;
    if (data.version !== config.version) {
      // The deck changed: load it again, and come back to the same place.
      const place = show.position();
      try {
        sessionStorage.setItem(PLACE, JSON.stringify({ reviewing, slide: place.slide, step: place.step }));
      } catch (error) { /* storage off: the reload follows the presenter */ }
      location.reload();
      return;
    }
    const first = live === null;
    live = { slide: data.slide, step: data.step };
    root.classList.add("following"); // the page knows where the show is (tests wait for it)
    root.classList.toggle("blackout", data.blackout);
    if (first) {
      let saved = null;
      try {
        saved = JSON.parse(sessionStorage.getItem(PLACE) || "null");
        sessionStorage.removeItem(PLACE);
      } catch (error) { saved = null; }
      if (saved && saved.reviewing && Number.isInteger(saved.slide) && Number.isInteger(saved.step)
          && (config.free || !before(live, saved))) {
        go(saved);
        setReviewing(!same(saved, live));
        return;
      }
    }
    if (!reviewing) go(live);
    else if (!config.free && before(live, show.position())) backToLive(); // the presenter went back
    else setReviewing(!same(show.position(), live));
  }

  // EventSource reconnects by itself after a dropped stream; if it gives up (the server was
  // away when it tried), start a new one.
  function connect() {
    const source = new EventSource("/events");
    source.addEventListener("position", (event) => {
      let data = null;
      try { data = JSON.parse(event.data); } catch (error) { return; }
      moved(data);
    });
    source.addEventListener("open", () => root.classList.remove("offline"));
    source.addEventListener("error", () => {
      root.classList.add("offline");
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 1000);
      }
    });
  }
  connect();
})();
