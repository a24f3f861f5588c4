"""`briefing serve`: the deck in browsers, following the show; a phone as the clicker; an API.

The server is one more peer of the deck's sync group (see briefing.sync), so the show, the
console and every browser move together. Modules, each with one job:

- `show`: pure: what the server says about the show (public state, speaker view, moves);
- `api`: pure: the token check and the request bodies;
- `pages`: the audience page (the HTML export plus `follow.js`), the control page, the files;
- `followers`: the event streams' queues;
- `live`: the sync link and the broadcast; `relay`: Redis pub/sub between servers;
- `web`: aiohttp routes and headers; `qr`: QR codes in half blocks; `run`: the command.

aiohttp, segno and redis are the `serve` extra: nothing else imports this package.
"""
