'use strict';
/*
 * The overlay browser source. Query parameters:
 *   show=joins,leaves,chat,badge,roster  what to show (default joins,chat,badge)
 *   meeting=ID                    only this meeting or webinar (default: the most recently active one)
 *   theme=dark|light|brand        colours (default dark)
 *   hold=6                        seconds a lower third stays up (2-60)
 *   chat=20                       seconds a chat line stays up (5-600)
 *   token=...                     OVERLAY_TOKEN, passed on to the event feed
 *   debug=1                       shows the feed's connection state
 *
 * The first frame of every connection is a bridge.snapshot with the live meetings: after a reload (OBS
 * activating a scene, F5) the overlay shows the same roster, lower third and chat line as before, and
 * after meeting.ended nothing of that meeting stays up.
 */
(() => {
  const params = new URLSearchParams(location.search);
  const THEMES = ['dark', 'light', 'brand'];
  const show = new Set((params.get('show') || 'joins,chat,badge').split(',').map((s) => s.trim().toLowerCase()));
  const theme = THEMES.includes(params.get('theme')) ? params.get('theme') : 'dark';
  const holdMs = Math.min(60, Math.max(2, Number(params.get('hold')) || 6)) * 1000;
  const chatMs = Math.min(600, Math.max(5, Number(params.get('chat')) || 20)) * 1000;
  const onlyMeeting = params.get('meeting');
  const ANIMATION_MS = 450;
  const QUEUE_LIMIT = 20;
  const ROSTER_LIMIT = 12;
  const $ = (id) => document.getElementById(id);

  document.body.dataset.theme = theme;
  document.body.dataset.show = Array.from(show).join(',');

  // ---- the show state, as the bridge keeps it: meetings by id ----
  let meetings = new Map();
  let current = null; // the meeting on screen

  function keyOf(participant) {
    for (const field of ['participant_uuid', 'user_id', 'id', 'user_name']) {
      if (participant[field] !== undefined && participant[field] !== null && String(participant[field]) !== '') return String(participant[field]);
    }
    return null;
  }

  function meetingFor(object) {
    // an event without a meeting id still shows (as the one unnamed meeting)
    const id = object.id === undefined || object.id === null ? '' : String(object.id);
    if (onlyMeeting && id !== onlyMeeting) return null;
    let m = meetings.get(id);
    if (!m) {
      m = { id, topic: '', participants: [], sharing: null, chat: [] };
      meetings.set(id, m);
    }
    if (object.topic) m.topic = object.topic;
    current = id;
    return m;
  }

  // ---- lower thirds: queued, each tagged with its meeting so an end takes them away ----
  const lowerThirds = [];
  let showing = null;
  let lowerThirdTimer = null;

  function enqueueLowerThird(meetingId, name, caption, forMs = holdMs) {
    if (lowerThirds.length >= QUEUE_LIMIT) lowerThirds.shift();
    lowerThirds.push({ meetingId, name, caption, forMs });
    if (!showing) nextLowerThird();
  }

  function nextLowerThird() {
    const item = lowerThirds.shift();
    const box = $('lower-third');
    showing = item || null;
    if (!item) return;
    $('lt-name').textContent = item.name;
    $('lt-caption').textContent = item.caption;
    box.hidden = false;
    box.classList.remove('out');
    box.classList.add('in');
    // A burst of joins is shown faster, so the overlay never lags minutes behind the meeting.
    const hold = lowerThirds.length > 2 ? Math.min(item.forMs, holdMs / 2) : item.forMs;
    lowerThirdTimer = setTimeout(() => takeDownLowerThird(), hold);
  }

  function takeDownLowerThird() {
    const box = $('lower-third');
    clearTimeout(lowerThirdTimer);
    box.classList.remove('in');
    box.classList.add('out');
    lowerThirdTimer = setTimeout(() => {
      box.hidden = true;
      nextLowerThird();
    }, ANIMATION_MS);
  }

  // ---- chat ticker ----
  let chatTimer = null;
  let chatMeeting = null;

  function showChat(meetingId, sender, message, forMs = chatMs) {
    const ticker = $('ticker');
    const text = $('ticker-text');
    text.textContent = '';
    text.append(Object.assign(document.createElement('strong'), { textContent: sender }), ' ' + message);
    ticker.hidden = false;
    chatMeeting = meetingId;
    // Restart the slide-in for every message.
    text.classList.remove('slide');
    void text.offsetWidth;
    text.classList.add('slide');
    clearTimeout(chatTimer);
    chatTimer = setTimeout(() => { ticker.hidden = true; }, forMs);
  }

  // ---- rendering what lasts: badge and roster ----
  function render() {
    const m = current === null ? null : meetings.get(current);
    if (show.has('badge')) {
      $('badge').hidden = !m;
      $('badge-topic').textContent = m ? m.topic || '' : '';
    }
    if (show.has('roster')) {
      const people = m ? m.participants : [];
      $('roster').hidden = !m;
      $('roster-count').textContent = m ? String(people.length) : '';
      $('roster-list').replaceChildren(...people.slice(0, ROSTER_LIMIT).map((p) => {
        const li = document.createElement('li');
        li.textContent = p.name || 'A guest';
        li.dataset.id = p.id;
        return li;
      }));
      const more = people.length - ROSTER_LIMIT;
      $('roster-more').hidden = more <= 0;
      $('roster-more').textContent = more > 0 ? '+ ' + more + ' more' : '';
      $('sharing').hidden = !(m && m.sharing);
      $('sharing').textContent = m && m.sharing ? (m.sharing.name || 'Someone') + ' is sharing' : '';
    }
  }

  // ---- the feed ----
  function onSnapshot(event) {
    const list = ((event.payload || {}).meetings || []).filter((m) => !onlyMeeting || String(m.id) === onlyMeeting);
    meetings = new Map(list.map((m) => [String(m.id), {
      id: String(m.id), topic: m.topic || '', participants: m.participants || [], sharing: m.sharing || null, chat: m.chat || [],
    }]));
    // the list comes most recently active first
    current = list.length ? String(list[0].id) : null;
    forgetGoneMeetings();
    render();
    const m = current === null ? null : meetings.get(current);
    if (!m) return;
    const now = Number(event.event_ts) || Date.now();
    // What was on screen a moment ago is put back for the time it had left.
    const newest = m.participants.reduce((a, p) => (!a || Date.parse(p.joinedAt) > Date.parse(a.joinedAt) ? p : a), null);
    const ltLeft = newest ? holdMs - (now - Date.parse(newest.joinedAt)) : 0;
    if (show.has('joins') && ltLeft > 0 && !(showing && showing.name === newest.name)) {
      enqueueLowerThird(m.id, newest.name || 'A guest', 'joined the meeting', ltLeft);
    }
    const line = m.chat[m.chat.length - 1];
    const chatLeft = line ? chatMs - (now - Date.parse(line.at)) : 0;
    if (show.has('chat') && chatLeft > 0 && $('ticker').hidden) showChat(m.id, line.sender || 'Someone', line.message || '', chatLeft);
  }

  /** After an end or a snapshot: nothing of a meeting that is gone stays on screen. */
  function forgetGoneMeetings() {
    for (let i = lowerThirds.length - 1; i >= 0; i--) {
      if (lowerThirds[i].meetingId && !meetings.has(lowerThirds[i].meetingId)) lowerThirds.splice(i, 1);
    }
    if (showing && showing.meetingId && !meetings.has(showing.meetingId)) takeDownLowerThird();
    if (chatMeeting && !meetings.has(chatMeeting)) {
      clearTimeout(chatTimer);
      $('ticker').hidden = true;
      chatMeeting = null;
    }
  }

  function onEvent(event) {
    const type = event.event;
    if (type === 'bridge.snapshot') return onSnapshot(event);
    if (type === 'bridge.gap') {
      // Zoom may have sent events meanwhile that never came: the next snapshot (a reload) is exact again.
      document.body.dataset.gap = (event.payload && event.payload.to) || 'yes';
      return undefined;
    }
    const object = (event.payload && event.payload.object) || {};
    const participant = object.participant || {};
    if (/^(meeting|webinar)\.ended$/.test(type)) {
      const id = object.id === undefined || object.id === null ? '' : String(object.id);
      if (onlyMeeting && id !== onlyMeeting) return undefined;
      meetings.delete(id);
      if (current === id) current = meetings.size ? Array.from(meetings.keys()).pop() : null;
      forgetGoneMeetings();
      return render();
    }
    if (!/^(meeting|webinar)\./.test(type)) return undefined;
    const m = meetingFor(object);
    if (!m) return undefined;
    const key = keyOf(participant);
    if (/participant_joined$/.test(type)) {
      if (key) {
        m.participants = m.participants.filter((p) => p.id !== key);
        m.participants.push({ id: key, name: participant.user_name || '', joinedAt: participant.join_time || new Date(Number(event.event_ts)).toISOString() });
      }
      if (show.has('joins')) enqueueLowerThird(m.id, participant.user_name || 'A guest', 'joined the meeting');
    } else if (/participant_left$/.test(type)) {
      if (key) m.participants = m.participants.filter((p) => p.id !== key);
      if (m.sharing && m.sharing.id === key) m.sharing = null;
      if (show.has('leaves')) enqueueLowerThird(m.id, participant.user_name || 'A guest', 'left the meeting');
    } else if (/sharing_started$/.test(type)) {
      if (key) m.sharing = { id: key, name: participant.user_name || '' };
    } else if (/sharing_ended$/.test(type)) {
      m.sharing = null;
    } else if (/chat_message_sent$/.test(type)) {
      const chat = object.chat_message || {};
      if (chat.message) {
        m.chat.push({ sender: window.BridgeFeed.senderOf(chat), message: String(chat.message), at: new Date(Number(event.event_ts)).toISOString() });
        if (m.chat.length > 20) m.chat.shift();
        if (show.has('chat')) showChat(m.id, window.BridgeFeed.senderOf(chat), String(chat.message));
      }
    }
    return render();
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
