/* The cross-strait page: pickers and period sliders drive the /crossstrait API and redraw. */
"use strict";
(() => {
  const {num, pct, chart, json, t} = Haisi;
  const $ = (id) => document.getElementById(id);
  const PURPOSES = [["pleasure", "观光", "Pleasure", "#1f5fa8"], ["business", "业务", "Business", "#d9480f"],
    ["visit_relatives", "探亲", "Visiting relatives", "#2b8a3e"], ["other", "其他", "Other", "#868e96"]];

  function months(a, b) {
    const out = []; let [y, m] = a.split("-").map(Number); const [y2, m2] = b.split("-").map(Number);
    while (y < y2 || (y === y2 && m <= m2)) { out.push(`${y}-${String(m).padStart(2, "0")}`); m++; if (m > 12) { m = 1; y++; } }
    return out;
  }
  function slider(prefix, list, onChange) {
    const f = $(`${prefix}-from`), to = $(`${prefix}-to`);
    f.max = to.max = list.length - 1;
    if (+to.value === 0) to.value = list.length - 1;
    const show = () => {
      if (+f.value > +to.value) f.value = to.value;
      $(`${prefix}-from-out`).textContent = list[f.value]; $(`${prefix}-to-out`).textContent = list[to.value];
    };
    const go = () => { show(); onChange(list[f.value], list[to.value]); };
    f.oninput = show; to.oninput = show; f.onchange = go; to.onchange = go;
    show();
    return () => [list[f.value], list[to.value]];
  }

  let teuRange = null;
  async function drawTeu() {
    const dir = $("teu-direction").value, port = $("teu-port").value, tw = $("teu-twport").value;
    const q = (p) => `/crossstrait/teu?port=${p}&direction=${dir}` + (tw ? `&taiwan_port=${tw}` : "");
    const all = await json(q(port));
    if (!teuRange) {
      teuRange = slider("teu", all.data.map((r) => r.period), () => drawTeu().catch(show));
    }
    const [a, b] = teuRange();
    const inRange = (r) => r.period >= a && r.period <= b;
    const rows = all.data.filter(inRange);
    const series = [{name: $("teu-port").selectedOptions[0].textContent.trim(), color: "#123b63", points: rows.map((r) => [r.period, r.teu])}];
    if ($("teu-compare").checked && port !== "CNXMN") {
      const x = await json(q("CNXMN"));
      series.push({name: t("厦门港 CNXMN", "Xiamen CNXMN"), color: "#d9480f", points: x.data.filter(inRange).map((r) => [r.period, r.teu])});
    }
    let band = [];
    $("teu-forecast").textContent = "";
    const stored = $("teu").dataset.forecasts.split(" ");
    const atEnd = all.data.length && b === all.data[all.data.length - 1].period;
    if (!tw && atEnd && stored.includes(`teu/${port}/${dir}`)) {
      try {
        const f = await json(`/crossstrait/teu/forecast?port=${port}&direction=${dir}`);
        const pts = f.data.slice(0, 12);
        series.push({name: t("预测", "Forecast"), color: "#123b63", dash: true, points: pts.map((p) => [p.period, p.point])});
        band = pts.map((p) => [p.period, p.lo80, p.hi80]);
        const bt = f.backtest;
        $("teu-forecast").textContent = t(`预测模型：${f.model}；阴影为80%预测区间；回测MASE ${bt.mase == null ? "—" : bt.mase.toFixed(2)}，80%区间覆盖率 ${bt.coverage80 == null ? "—" : Math.round(bt.coverage80 * 100) + "%"}。数据版本 ${f.data_version}`,
          `Forecast model: ${f.model}; shaded: 80% interval; backtest MASE ${bt.mase == null ? "—" : bt.mase.toFixed(2)}, 80% coverage ${bt.coverage80 == null ? "—" : Math.round(bt.coverage80 * 100) + "%"}. Data version ${f.data_version}`);
      } catch (e) { show(e); }
    }
    const sum = rows.reduce((s, r) => s + r.teu, 0);
    $("teu-total").textContent = `${t("所选期间合计", "Total in period")}: ${num(sum)} ${t("标箱", "TEU")}`;
    chart($("teu-chart"), series, {unit: t("标箱 TEU", "TEU"), band});
  }

  let visRange = null;
  async function drawVisitors() {
    const res = $("vis-residence").value;
    const all = await json(`/crossstrait/visitors?residence=${res}`);
    if (!visRange) visRange = slider("vis", all.data.map((r) => r.period), () => drawVisitors().catch(show));
    const [a, b] = visRange();
    const rows = all.data.filter((r) => r.period >= a && r.period <= b);
    const series = [{name: t("合计", "Total"), color: "#123b63", points: rows.map((r) => [r.period, r.total])}]
      .concat(PURPOSES.map(([k, zh, en, c]) => ({name: t(zh, en), color: c, points: rows.map((r) => [r.period, r[k] ?? null])})));
    $("vis-total").textContent = `${t("所选期间合计", "Total in period")}: ${num(rows.reduce((s, r) => s + r.total, 0))} ${t("人次", "visits")}`;
    chart($("vis-chart"), series, {unit: t("人次", "visits")});
  }

  async function drawTrade() {
    const d = (await json("/crossstrait/trade")).data.filter((r) => r.frequency === "A");
    chart($("trade-chart"), [
      {name: t("台湾地区记录的对大陆出口", "Exports to mainland, as Taiwan reports"), color: "#1f5fa8", points: d.map((r) => [r.period, r.tw_export_cn])},
      {name: t("大陆记录的自台湾地区进口", "Imports from Taiwan, as the mainland reports"), color: "#c2255c", points: d.map((r) => [r.period, r.cn_import_tw])},
    ], {unit: t("美元 USD", "USD"), bars: true});
    const tb = $("trade-table").querySelector("tbody");
    tb.textContent = "";
    for (const r of d.slice().reverse()) {
      const tr = document.createElement("tr");
      [r.period, num(r.tw_export_cn), num(r.cn_import_tw), `${num(r.gap_export)} (${pct(r.gap_export_pct)})`,
        num(r.tw_import_cn), num(r.cn_export_tw), `${num(r.gap_import)} (${pct(r.gap_import_pct)})`].forEach((v, i) => {
        const td = document.createElement("td"); td.textContent = v; if (i) td.className = "n"; tr.appendChild(td);
      });
      tb.appendChild(tr);
    }
  }

  function show(e) {
    const p = document.createElement("p"); p.className = "error"; p.textContent = `${t("加载失败", "Failed to load")}: ${e.message}`;
    document.querySelector("main").prepend(p);
  }
  document.addEventListener("DOMContentLoaded", () => {
    ["teu-port", "teu-twport", "teu-compare"].forEach((id) => { $(id).onchange = () => drawTeu().catch(show); });
    $("teu-direction").onchange = () => drawTeu().catch(show);
    $("vis-residence").onchange = () => drawVisitors().catch(show);
    drawTeu().catch(show); drawVisitors().catch(show); drawTrade().catch(show);
    window.HaisiReady = true;
  });
})();
