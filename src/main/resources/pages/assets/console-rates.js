'use strict';
/*
 * Error rates from /metrics (Prometheus text), computed in the browser: the console keeps the
 * counters it saw over the last minutes and shows how much each grew. Only error-like counters
 * are kept (failed, dead-lettered, disconnects, refresh failures, HTTP 5xx), grouped by the label
 * that says where (target, close code, outcome, route).
 */
window.ConsoleRates = (() => {
  const ERROR_NAME = /(fail|error|dead|disconnect|reject|invalid)/;
  const ERROR_LABEL_VALUE = /(fail|error|invalid|denied|timeout|5xx)/;
  const WHERE_LABELS = ['target', 'code', 'outcome', 'reason', 'routeId', 'route', 'type'];

  /** name{labels} value → [{name, labels, value}], skipping comments and non-numeric lines. */
  function parse(text) {
    const series = [];
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
      if (!match) continue;
      const value = Number(match[4]);
      if (!Number.isFinite(value)) continue;
      series.push({ name: match[1], labels: parseLabels(match[3] || ''), value });
    }
    return series;
  }

  function parseLabels(text) {
    const labels = {};
    const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    let m;
    while ((m = pair.exec(text)) !== null) labels[m[1]] = m[2];
    return labels;
  }

  /** The error counters of one scrape, summed per "name (where)" key. */
  function errorCounters(series) {
    const counters = {};
    for (const s of series) {
      if (!s.name.endsWith('_total') && !s.name.endsWith('_count')) continue;
      const labelValues = Object.values(s.labels).join(' ');
      const errorByName = ERROR_NAME.test(s.name) && !s.name.startsWith('jvm_');
      const httpError = s.name.startsWith('http_server_requests') && s.labels.status === '5xx';
      const outcomeError = !errorByName && s.name.endsWith('_total') && s.labels.outcome !== undefined
        && ERROR_LABEL_VALUE.test(labelValues);
      if (!errorByName && !httpError && !outcomeError) continue;
      const key = httpError ? 'HTTP 5xx (' + (s.labels.route || 'any') + ')' : keyOf(s);
      counters[key] = (counters[key] || 0) + s.value;
    }
    return counters;
  }

  function keyOf(s) {
    const base = s.name.replace(/_total$|_count$/, '').replace(/_/g, ' ');
    const where = WHERE_LABELS.filter((l) => s.labels[l] !== undefined).map((l) => l + '=' + s.labels[l]);
    return where.length ? base + ' (' + where.join(', ') + ')' : base;
  }

  /** Remembers scrapes for windowMs and answers the growth of each counter over that window. */
  function tracker(windowMs) {
    const samples = [];
    return {
      add(at, counters) {
        samples.push({ at, counters });
        while (samples.length > 2 && at - samples[1].at >= windowMs) samples.shift();
      },
      rates() {
        if (samples.length < 2) return { spanMs: 0, rows: [] };
        const first = samples[0];
        const last = samples[samples.length - 1];
        const spanMs = last.at - first.at;
        const rows = Object.keys(last.counters).map((key) => {
          // A counter that appeared during the window started from zero.
          const delta = last.counters[key] - (first.counters[key] || 0);
          return { key, delta: Math.max(0, delta), perMinute: spanMs > 0 ? Math.max(0, delta) * 60000 / spanMs : 0 };
        }).filter((row) => row.delta > 0).sort((a, b) => b.delta - a.delta);
        return { spanMs, rows };
      },
    };
  }

  return { parse, errorCounters, tracker };
})();
