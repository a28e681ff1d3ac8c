/* haisi map tools: view buttons (Asia / Pacific / Atlantic centred), a month slider for monthly
   flows and PNG export of what is drawn. No external assets. */
"use strict";
window.HaisiMap = {
  init(map, opts) {
    const box = document.createElement("div");
    box.className = "haisi-box haisi-tools";
    const views = {asia: [[20, 115], 3], pacific: [[15, 180], 2], atlantic: [[25, -10], 2], strait: [[25.5, 120.5], 6]};
    const names = {asia: "亚洲 Asia", pacific: "太平洋 Pacific", atlantic: "大西洋 Atlantic", strait: "海峡 Strait"};
    for (const [k, [c, z]] of Object.entries(views)) {
      const b = document.createElement("button");
      b.type = "button"; b.textContent = names[k]; b.dataset.view = k;
      b.onclick = () => map.setView(c, z);
      box.appendChild(b);
    }
    const png = document.createElement("button");
    png.type = "button"; png.textContent = "导出PNG Export PNG"; png.className = "haisi-png";
    png.onclick = () => HaisiMap.exportPng(map, opts.title || "haisi-map");
    box.appendChild(png);
    if (opts.months && opts.months.length) {
      const wrap = document.createElement("div");
      wrap.className = "haisi-slider";
      const input = document.createElement("input");
      input.type = "range"; input.min = 0; input.max = opts.months.length - 1; input.value = opts.months.length - 1;
      input.setAttribute("aria-label", "月份 month");
      const out = document.createElement("output");
      wrap.append("月份 Month ", input, " ", out);
      box.appendChild(wrap);
      const paths = {};
      map.eachLayer((l) => {
        const m = /haisi-k-(\d+)/.exec((l.options && l.options.className) || "");
        if (m) (paths[m[1]] = paths[m[1]] || []).push(l);
      });
      const vmax = Math.max(1, ...opts.series.flat().filter((v) => v != null));
      const draw = () => {
        const i = +input.value;
        out.textContent = opts.months[i];
        opts.series.forEach((vals, k) => {
          const v = vals[i] || 0;
          const w = v > 0 ? 1.5 + 8.5 * Math.sqrt(v / vmax) : 0;
          (paths[k] || []).forEach((l) => {
            if (l.options.className.includes("haisi-arrow")) l.setStyle({opacity: v > 0 ? 1 : 0, fillOpacity: v > 0 ? 0.9 : 0});
            else l.setStyle({weight: w, opacity: v > 0 ? 0.75 : 0});
            if (l.getTooltip && l.getTooltip() && !l.options.className.includes("haisi-arrow")) {
              l.setTooltipContent(`${opts.labels[k]} ${opts.months[i]}: ${v.toLocaleString("en-US")} ${opts.unit}`);
            }
          });
        });
      };
      input.oninput = draw;
      draw();
    }
    L.DomEvent.disableClickPropagation(box);
    // title and tools share one top bar that wraps: side by side on a wide map, the tools
    // under the title on a narrow one (a phone, the gallery's thumbnails)
    const top = document.createElement("div");
    top.className = "haisi-top";
    const title = document.querySelector(".haisi-title");
    if (title) top.appendChild(title);
    top.appendChild(box);
    map.getContainer().appendChild(top);
  },

  /* The map's vector layers (outline and flows) as a PNG, with the title and legend text. */
  exportPng(map, title) {
    const c = map.getContainer(), r = c.getBoundingClientRect();
    const svg = c.querySelector(".leaflet-overlay-pane svg");
    const canvas = document.createElement("canvas");
    canvas.width = r.width; canvas.height = r.height;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#cfe3f3"; ctx.fillRect(0, 0, r.width, r.height);
    const finish = () => {
      const tb = document.querySelector(".haisi-title");
      if (tb) {
        ctx.fillStyle = "rgba(255,255,255,.9)"; ctx.fillRect(0, 0, r.width, 30);
        ctx.fillStyle = "#222"; ctx.font = '15px "Noto Sans CJK SC", sans-serif';
        ctx.fillText(tb.innerText.split("\n")[0], 12, 21);
      }
      const a = document.createElement("a");
      a.download = `${title}.png`; a.href = canvas.toDataURL("image/png");
      document.body.appendChild(a); a.click(); a.remove();
      window.haisiLastPng = a.href;
    };
    if (!svg) { finish(); return; }
    const s = svg.getBoundingClientRect();
    const clone = svg.cloneNode(true);
    clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    clone.setAttribute("width", s.width); clone.setAttribute("height", s.height);
    const img = new Image();
    img.onload = () => { ctx.drawImage(img, s.left - r.left, s.top - r.top, s.width, s.height); finish(); };
    img.onerror = finish;
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(clone));
  },
};
