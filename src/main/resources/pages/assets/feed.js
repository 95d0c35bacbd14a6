'use strict';
/*
 * The bridge's live event feed (WS /overlay/events), shared by the console and the overlay.
 * Reconnects by itself with capped, jittered exponential backoff, so a browser source recovers
 * when the bridge restarts without anyone touching OBS/vMix.
 */
window.BridgeFeed = (() => {
  const FIRST_DELAY_MS = 500;
  const MAX_DELAY_MS = 10000;

  function feedUrl(token) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = token ? '?token=' + encodeURIComponent(token) : '';
    return scheme + '//' + location.host + '/overlay/events' + query;
  }

  /**
   * Opens the feed. onEvent gets each parsed event; onState gets 'open' | 'reconnecting' with the
   * delay in ms before the next attempt. Frames that are not JSON objects are ignored.
   */
  function connect({ token, onEvent, onState }) {
    let attempt = 0;
    let socket = null;

    function open() {
      socket = new WebSocket(feedUrl(token));
      socket.onopen = () => {
        attempt = 0;
        onState('open', 0);
      };
      socket.onmessage = (message) => {
        let event;
        try {
          event = JSON.parse(message.data);
        } catch (e) {
          return;
        }
        if (event && typeof event === 'object' && typeof event.event === 'string') {
          onEvent(event);
        }
      };
      socket.onclose = () => {
        const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * Math.pow(2, attempt));
        // Full jitter: many overlays restarting with the bridge do not reconnect in lockstep.
        const delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
        attempt += 1;
        onState('reconnecting', delay);
        setTimeout(open, delay);
      };
    }
    open();
  }

  /** One human line for an event: who joined, what was said, which meeting started. */
  function describe(event) {
    const object = (event.payload && event.payload.object) || {};
    const participant = object.participant || {};
    const chat = object.chat_message || {};
    const type = event.event;
    if (/participant_joined$/.test(type)) return (participant.user_name || 'Someone') + ' joined';
    if (/participant_left$/.test(type)) return (participant.user_name || 'Someone') + ' left';
    if (/chat_message_sent$/.test(type)) return senderOf(chat) + ': ' + (chat.message || '');
    if (type === 'bridge.gap') return 'Zoom events may be missing: ' + ((event.payload || {}).from || '?') + ' to ' + ((event.payload || {}).to || '?');
    if (/\.started$/.test(type)) return 'Started: ' + (object.topic || 'meeting');
    if (/\.ended$/.test(type)) return 'Ended: ' + (object.topic || 'meeting');
    return object.topic || '';
  }

  function senderOf(chat) {
    const sender = chat.sender;
    if (sender && typeof sender === 'object') return sender.name || sender.user_name || sender.display_name || 'Someone';
    return chat.sender_name || sender || 'Someone';
  }

  return { connect, describe, senderOf };
})();
