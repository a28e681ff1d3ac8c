/* haisi pages: number formatting (万/亿 in Chinese, separators in English) and small SVG charts.
   No external assets; every chart names its unit, and axis labels stay inside the drawing. */
"use strict";
const Haisi = (() => {
  const lang = document.documentElement.lang.startsWith("en") ? "en" : "zh";
  const t = (zh, en) => (lang === "en" ? en : zh);

  /* haisi.numbers.fmt_number's rules, from its own table (STEPS) that the page embeds */
  const STEPS = (window.HaisiNumberSteps || {})[lang] || [];
  function num(v, digits = 2) {
    if (v === null || v === undefined || Number.isNaN(v)) return "—";
    const sep = (x, d) => x.toLocaleString("en-US", {minimumFractionDigits: d, maximumFractionDigits: d});
    for (const [div, suffix] of STEPS) if (Math.abs(v) >= div) return sep(v / div, digits) + suffix;
    return sep(v, 0);
  }
  const pct = (v) => (v === null || v === undefined || Number.isNaN(v) ? "—" : (v >= 0 ? "+" : "") + v.toFixed(1) + "%");

  const NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function niceTicks(lo, hi, n) {
    const span = hi - lo || Math.abs(hi) || 1;
    const step0 = span / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
    return out;
  }

  /* series: [{name, points: [[label, value]], color, dash}], band: [[label, lo, hi]] (optional);
     opts: {unit, height, bars} — labels are category labels (YYYY-MM or YYYY) shared by all series */
  function chart(host, series, opts = {}) {
    host.textContent = "";
    const W = Math.max(host.clientWidth || 640, 320), H = opts.height || 260;
    const m = {l: 64, r: 28, t: 26, b: 34};
    const labels = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])).concat((opts.band || []).map((b) => b[0])))].sort();
    const vals = series.flatMap((s) => s.points.map((p) => p[1])).concat((opts.band || []).flatMap((b) => [b[1], b[2]]))
      .filter((v) => v !== null && !Number.isNaN(v));
    const svg = el("svg", {width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", class: "haisi-chart"});
    if (!labels.length || !vals.length) {
      svg.appendChild(el("text", {x: W / 2, y: H / 2, "text-anchor": "middle"}, t("无数据", "No data")));
      host.appendChild(svg);
      return svg;
    }
    let lo = Math.min(0, ...vals), hi = Math.max(...vals);
    const ticks = niceTicks(lo, hi, 5);
    lo = Math.min(lo, ticks[0]); hi = Math.max(hi, ticks[ticks.length - 1]);
    const x = (i) => m.l + (labels.length === 1 ? (W - m.l - m.r) / 2 : (i * (W - m.l - m.r)) / (labels.length - 1));
    const y = (v) => H - m.b - ((v - lo) / (hi - lo || 1)) * (H - m.t - m.b);
    const idx = new Map(labels.map((l, i) => [l, i]));
    for (const v of ticks) {
      svg.appendChild(el("line", {x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), class: "grid"}));
      svg.appendChild(el("text", {x: m.l - 6, y: y(v) + 4, "text-anchor": "end", class: "tick"}, num(v, 1)));
    }
    svg.appendChild(el("text", {x: 4, y: 14, class: "unit"}, opts.unit || ""));
    const every = Math.max(1, Math.ceil(labels.length / Math.floor((W - m.l - m.r) / 70)));
    labels.forEach((l, i) => {
      if (i % every && i !== labels.length - 1) return;
      if (i !== labels.length - 1 && labels.length - 1 - i < every) return; // keep the last label clear
      const anchor = i === labels.length - 1 ? "end" : i === 0 ? "start" : "middle";
      svg.appendChild(el("text", {x: x(i), y: H - m.b + 16, "text-anchor": anchor, class: "tick"}, l));
    });
    if (opts.band && opts.band.length) {
      const up = opts.band.map((b) => `${x(idx.get(b[0]))},${y(b[2])}`);
      const dn = opts.band.slice().reverse().map((b) => `${x(idx.get(b[0]))},${y(b[1])}`);
      svg.appendChild(el("polygon", {points: up.concat(dn).join(" "), class: "band"}));
    }
    series.forEach((s, k) => {
      const pts = s.points.filter((p) => p[1] !== null && !Number.isNaN(p[1]));
      if (opts.bars) {
        const bw = Math.max(2, (W - m.l - m.r) / labels.length / series.length - 2);
        pts.forEach((p) => {
          const cx = x(idx.get(p[0])) - (series.length * bw) / 2 + k * bw;
          const r = el("rect", {x: cx, y: y(Math.max(0, p[1])), width: bw, height: Math.abs(y(p[1]) - y(0)), fill: s.color});
          r.appendChild(el("title", {}, `${s.name} ${p[0]}: ${num(p[1])} ${opts.unit || ""}`));
          svg.appendChild(r);
        });
      } else {
        const d = pts.map((p, i) => `${i ? "L" : "M"}${x(idx.get(p[0]))},${y(p[1])}`).join("");
        svg.appendChild(el("path", {d, stroke: s.color, fill: "none", "stroke-width": 2, "stroke-dasharray": s.dash ? "5 4" : "none"}));
      }
    });
    const legend = el("g", {class: "legend"});
    let lx = m.l + 8;
    series.forEach((s) => {
      legend.appendChild(el("rect", {x: lx, y: 6, width: 12, height: 4, fill: s.color}));
      const tx = el("text", {x: lx + 16, y: 12, class: "tick"}, s.name);
      legend.appendChild(tx);
      lx += 28 + [...s.name].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 7), 0);
    });
    svg.appendChild(legend);
    host.appendChild(svg);
    return svg;
  }

  async function json(url) {
    const r = await fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"});
    if (!r.ok) throw new Error(`${r.status} ${url}`);
    return r.json();
  }

  function render(root = document) {
    root.querySelectorAll("[data-num]").forEach((e) => { e.textContent = num(parseFloat(e.dataset.num)); });
    root.querySelectorAll("script[type='application/json'][data-chart]").forEach((s) => {
      const spec = JSON.parse(s.textContent);
      chart(document.getElementById(s.dataset.chart), spec.series, spec.opts || {});
    });
  }
  document.addEventListener("DOMContentLoaded", () => render());
  return {num, pct, chart, json, t, lang, render};
})();
/* Forms marked drop-empty leave their empty fields out of the query. */
document.addEventListener("submit", (e) => {
  if (!e.target.classList.contains("drop-empty")) return;
  e.target.querySelectorAll("input, select").forEach((i) => { if (i.value === "") i.disabled = true; });
  setTimeout(() => e.target.querySelectorAll("input, select").forEach((i) => { i.disabled = false; }), 0);
});
