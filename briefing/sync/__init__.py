"""Keep several briefing processes showing the same deck in step, over a Unix domain socket.

One presenter console and any number of audience views, each in its own terminal, find each
other with no configuration: the same deck means the same socket in a private per-user runtime
directory. They exchange small validated JSON lines and merge positions as a last-writer-wins
register, so any process can move the others, either can start first, and a restarted process
picks up where the group is. No UI in here: the app gives the link a callback and calls
`publish` when it moves.

- `protocol`: pure: the messages and their wire format, the register, the line framing;
- `run_stream`: pure: a code block's output cut into messages and put together again;
- `runtime`: the operating system's part: socket directory, the hub's lock, file identities,
  the peer's uid;
- `link`: the topology: `SyncLink`, a hub that relays and clients that follow it.
"""
