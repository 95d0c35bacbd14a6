'use strict';
/*
 * The overlay browser source. Query parameters:
 *   show=joins,leaves,chat,badge  what to show (default joins,chat,badge)
 *   theme=dark|light|brand        colours (default dark)
 *   hold=6                        seconds a lower third stays up (2-60)
 *   token=...                     OVERLAY_TOKEN, passed on to the event feed
 *   debug=1                       shows the feed's connection state
 */
(() => {
  const params = new URLSearchParams(location.search);
  const THEMES = ['dark', 'light', 'brand'];
  const show = new Set((params.get('show') || 'joins,chat,badge').split(',').map((s) => s.trim().toLowerCase()));
  const theme = THEMES.includes(params.get('theme')) ? params.get('theme') : 'dark';
  const holdMs = Math.min(60, Math.max(2, Number(params.get('hold')) || 6)) * 1000;
  const CHAT_VISIBLE_MS = 20000;
  const ANIMATION_MS = 450;
  const QUEUE_LIMIT = 20;
  const $ = (id) => document.getElementById(id);

  document.body.dataset.theme = theme;
  document.body.dataset.show = Array.from(show).join(',');

  const lowerThirds = [];
  let showingLowerThird = false;
  let chatTimer = null;

  function enqueueLowerThird(name, caption) {
    if (lowerThirds.length >= QUEUE_LIMIT) lowerThirds.shift();
    lowerThirds.push({ name, caption });
    if (!showingLowerThird) nextLowerThird();
  }

  function nextLowerThird() {
    const item = lowerThirds.shift();
    const box = $('lower-third');
    if (!item) {
      showingLowerThird = false;
      return;
    }
    showingLowerThird = true;
    $('lt-name').textContent = item.name;
    $('lt-caption').textContent = item.caption;
    box.hidden = false;
    box.classList.remove('out');
    box.classList.add('in');
    // A burst of joins is shown faster, so the overlay never lags minutes behind the meeting.
    const hold = lowerThirds.length > 2 ? holdMs / 2 : holdMs;
    setTimeout(() => {
      box.classList.remove('in');
      box.classList.add('out');
      setTimeout(() => {
        box.hidden = true;
        nextLowerThird();
      }, ANIMATION_MS);
    }, hold);
  }

  function showChat(sender, message) {
    const ticker = $('ticker');
    const text = $('ticker-text');
    text.textContent = '';
    text.append(Object.assign(document.createElement('strong'), { textContent: sender }), ' ' + message);
    ticker.hidden = false;
    // Restart the slide-in for every message.
    text.classList.remove('slide');
    void text.offsetWidth;
    text.classList.add('slide');
    clearTimeout(chatTimer);
    chatTimer = setTimeout(() => { ticker.hidden = true; }, CHAT_VISIBLE_MS);
  }

  function setLive(live, topic) {
    if (!show.has('badge')) return;
    $('badge').hidden = !live;
    if (topic !== undefined) $('badge-topic').textContent = topic || '';
  }

  function onEvent(event) {
    const type = event.event;
    const object = (event.payload && event.payload.object) || {};
    const participant = object.participant || {};
    if (/participant_joined$/.test(type)) {
      setLive(true);
      if (show.has('joins')) enqueueLowerThird(participant.user_name || 'A guest', 'joined the meeting');
    } else if (/participant_left$/.test(type)) {
      if (show.has('leaves')) enqueueLowerThird(participant.user_name || 'A guest', 'left the meeting');
    } else if (/chat_message_sent$/.test(type)) {
      setLive(true);
      const chat = object.chat_message || {};
      if (show.has('chat') && chat.message) showChat(window.BridgeFeed.senderOf(chat), String(chat.message));
    } else if (/^(meeting|webinar)\.started$/.test(type)) {
      setLive(true, object.topic);
    } else if (/^(meeting|webinar)\.ended$/.test(type)) {
      setLive(false, '');
    }
  }

  const status = $('feed-status');
  status.hidden = !params.has('debug');
  window.BridgeFeed.connect({
    token: params.get('token'),
    onEvent,
    onState(state, delay) {
      document.body.dataset.feed = state;
      status.textContent = state === 'open' ? 'feed connected' : 'feed reconnecting in ' + Math.ceil(delay / 1000) + 's';
    },
  });
})();
