// The browser script of a meshsim HTML report: draws the charts of the embedded data with Observable Plot
// (fault windows shaded), lays out and draws the call graph with dagre, and lets the keyboard read values.
/* global Plot, d3, dagre */
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('report-data').textContent);

  // Ten colours that read on a light and on a dark background (Observable's "observable10").
  const PALETTE = [
    '#4269d0',
    '#efb118',
    '#ff725c',
    '#6cc5b0',
    '#3ca951',
    '#ff8ab7',
    '#a463f2',
    '#97bbf5',
    '#9c6b4e',
    '#9498a0',
  ];
  const FAULT_FILL = '#e8a33d';

  /** A number as the report prints it: integers as they are, others with 1 to 3 decimals by size. */
  function format(value) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '–';
    const magnitude = Math.abs(value);
    if (Number.isInteger(value) || magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
    if (magnitude >= 10) return value.toFixed(1);
    if (magnitude >= 1) return value.toFixed(2);
    return value.toFixed(3);
  }

  /** The largest of `values`, `empty` when there is none (`Math.max(...values)` overflows the stack on long arrays). */
  function maxOf(values, empty) {
    let result = empty;
    for (let i = 0; i < values.length; i++) result = i === 0 ? values[i] : Math.max(result, values[i]);
    return result;
  }

  /** The rows of a line chart: one per point of each series. */
  function lineRows(spec) {
    const rows = [];
    for (const series of spec.series) {
      series.values.forEach((value, i) => rows.push({ t: spec.timeS[i], v: value, series: series.name }));
    }
    return rows;
  }

  /**
   * The rows of a bar chart: one per category and series that has a value (a missing value has no bar), with the
   * half-width `e` of its confidence interval when the series has one (a mean over replications), else null, and
   * the `flag` saying why the bar is not to be trusted (an unstable single-run p99), else null.
   */
  function barRows(spec) {
    const rows = [];
    spec.categories.forEach((category, i) => {
      for (const series of spec.series) {
        const value = series.values[i];
        const error = series.errors === undefined ? null : series.errors[i];
        const flag = series.flags === undefined ? null : series.flags[i];
        if (value !== null && value !== undefined)
          rows.push({
            category,
            series: series.name,
            v: value,
            e: error === undefined ? null : error,
            flag: flag === undefined ? null : flag,
          });
      }
    });
    return rows;
  }

  /** A flagged bar's reason after its value, in its tooltip and the readout: ` — unstable: …`. */
  function flagText(flag) {
    return flag === null || flag === undefined ? '' : ` — ${flag}`;
  }

  /** The whiskers of a bar chart: one per bar with a confidence interval, from its low to its high end. */
  function whiskerRows(rows) {
    return rows
      .filter((row) => row.e !== null && row.e > 0)
      .map((row) => ({ ...row, lo: row.v - row.e, hi: row.v + row.e }));
  }

  /** A bar's value as the readout and the tooltip say it: `12.3`, or `12.3 ± 0.4` with an interval. */
  function withError(value, error) {
    return error === null || error === undefined ? format(value) : `${format(value)} ± ${format(error)}`;
  }

  function lineChart(spec, width, cursor) {
    const names = spec.series.map((series) => series.name);
    let max = 0;
    for (const series of spec.series)
      for (const value of series.values) if (value !== null) max = Math.max(max, value);
    const yMax = Math.max(spec.yMax === undefined ? 0 : spec.yMax, max) || 1;
    const rows = lineRows(spec);
    const marks = [
      Plot.rect(data.windows, {
        x1: 'startS',
        x2: 'endS',
        fill: FAULT_FILL,
        fillOpacity: 0.2,
        title: 'label',
      }),
      Plot.ruleY([0]),
      Plot.line(rows, { x: 't', y: 'v', z: 'series', stroke: 'series', strokeWidth: 1.6 }),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 't',
          y: 'v',
          stroke: 'series',
          title: (row) => `${row.series}\n${format(row.t)} s: ${format(row.v)} ${spec.yLabel}`,
        }),
      ),
    ];
    if (cursor !== null)
      marks.push(Plot.ruleX([spec.timeS[cursor]], { stroke: 'currentColor', strokeDasharray: '3,3' }));
    return Plot.plot({
      width,
      height: 240,
      marginLeft: 52,
      style: { background: 'transparent' },
      x: { label: 'time (s)', domain: [0, spec.endS] },
      y: { label: spec.yLabel, grid: true, domain: [0, yMax], nice: true },
      color: { domain: names, range: PALETTE, legend: true },
      marks,
    });
  }

  function barChart(spec, width, cursor) {
    const rows = barRows(spec);
    const names = spec.series.map((series) => series.name);
    const longest = maxOf(
      spec.categories.map((category) => category.length),
      -Infinity,
    );
    const grouped = spec.series.length > 1;
    // One series: each category keeps its colour (a mesh shape has the same colour in every chart).
    const colorDomain = grouped ? names : spec.categories;
    const fill = grouped ? 'series' : 'category';
    const highlight = cursor === null ? [] : rows.filter((row) => row.category === spec.categories[cursor]);
    const whiskers = whiskerRows(rows);
    const tip = (row) =>
      `${row.category}${grouped ? ` (${row.series})` : ''}: ${withError(row.v, row.e)} ${spec.yLabel}${flagText(row.flag)}`;
    // A flagged bar (an unstable single-run p99) is marked `!` just past its end, above or below 0.
    const flagged = rows.filter((row) => row.flag !== null);
    const flagMarks = (channels, offset) =>
      [flagged.filter((row) => row.v >= 0), flagged.filter((row) => row.v < 0)].map((data, below) =>
        Plot.text(data, {
          className: 'flag-marks',
          ...channels,
          text: () => '!',
          ...offset(below === 1 ? -1 : 1),
          fontWeight: 'bold',
          fontSize: 14,
          fill: 'currentColor',
          title: tip,
        }),
      );
    if (longest > 14) {
      // Long names (edges): horizontal bars, names on the left.
      return Plot.plot({
        width,
        height: 40 + spec.categories.length * (grouped ? 14 * spec.series.length + 8 : 26),
        marginLeft: Math.min(320, 12 + longest * 6.5),
        style: { background: 'transparent' },
        x: { label: spec.yLabel, grid: true, domain: spec.valueDomain, nice: true },
        y: { label: null, domain: grouped ? names : spec.categories },
        fy: grouped ? { label: null, domain: spec.categories } : undefined,
        color: { domain: colorDomain, range: PALETTE, legend: grouped },
        marks: [
          Plot.barX(rows, {
            className: 'data-bars',
            x: 'v',
            y: grouped ? 'series' : 'category',
            fy: grouped ? 'category' : undefined,
            fill,
            title: tip,
          }),
          Plot.barX(highlight, {
            className: 'cursor-bars',
            x: 'v',
            y: grouped ? 'series' : 'category',
            fy: grouped ? 'category' : undefined,
            stroke: 'currentColor',
            strokeWidth: 2,
            fill: 'none',
          }),
          Plot.ruleY(whiskers, {
            className: 'error-bars',
            y: grouped ? 'series' : 'category',
            fy: grouped ? 'category' : undefined,
            x1: 'lo',
            x2: 'hi',
            stroke: 'currentColor',
            strokeWidth: 1.5,
          }),
          ...flagMarks(
            { x: 'v', y: grouped ? 'series' : 'category', fy: grouped ? 'category' : undefined },
            (sign) => ({ dx: 8 * sign }),
          ),
          Plot.ruleX([0]),
        ],
      });
    }
    return Plot.plot({
      width,
      height: 260,
      marginLeft: 52,
      marginBottom: spec.categories.length > 4 ? 70 : 30,
      style: { background: 'transparent' },
      x: grouped
        ? { axis: null, domain: names }
        : { label: null, domain: spec.categories, tickRotate: spec.categories.length > 4 ? -30 : 0 },
      fx: grouped
        ? { label: null, domain: spec.categories, tickRotate: spec.categories.length > 4 ? -30 : 0 }
        : undefined,
      y: { label: spec.yLabel, grid: true, domain: spec.valueDomain, nice: true },
      color: { domain: colorDomain, range: PALETTE, legend: grouped },
      marks: [
        Plot.barY(rows, {
          className: 'data-bars',
          x: grouped ? 'series' : 'category',
          fx: grouped ? 'category' : undefined,
          y: 'v',
          fill,
          title: tip,
        }),
        Plot.barY(highlight, {
          className: 'cursor-bars',
          x: grouped ? 'series' : 'category',
          fx: grouped ? 'category' : undefined,
          y: 'v',
          stroke: 'currentColor',
          strokeWidth: 2,
          fill: 'none',
        }),
        Plot.ruleX(whiskers, {
          className: 'error-bars',
          x: grouped ? 'series' : 'category',
          fx: grouped ? 'category' : undefined,
          y1: 'lo',
          y2: 'hi',
          stroke: 'currentColor',
          strokeWidth: 1.5,
        }),
        ...flagMarks(
          { x: grouped ? 'series' : 'category', fx: grouped ? 'category' : undefined, y: 'v' },
          (sign) => ({ dy: -8 * sign }),
        ),
        Plot.ruleY([0]),
      ],
    });
  }

  /** The readout of a chart at the keyboard cursor: every series' value there. */
  function readout(spec, cursor) {
    if (spec.kind === 'lines') {
      const values = spec.series.map((series) => `${series.name} ${format(series.values[cursor])}`);
      return `At ${format(spec.timeS[cursor])} s (${spec.yLabel}): ${values.join(', ')}.`;
    }
    const values = spec.series.map(
      (series) =>
        `${series.name} ${withError(series.values[cursor], series.errors === undefined ? null : series.errors[cursor])}` +
        flagText(series.flags === undefined ? null : series.flags[cursor]),
    );
    return `${spec.categories[cursor]} (${spec.yLabel}): ${values.join(', ')}.`;
  }

  const charts = new Map(data.charts.map((spec) => [spec.id, spec]));
  const cursors = new Map();

  function drawChart(figure) {
    const spec = charts.get(figure.dataset.chart);
    const target = figure.querySelector('.plot');
    if (spec === undefined || target === null) throw new Error(`no data for chart ${figure.dataset.chart}`);
    const width = Math.max(280, Math.floor(target.clientWidth || 600));
    const cursor = cursors.has(spec.id) ? cursors.get(spec.id) : null;
    const chart = spec.kind === 'lines' ? lineChart(spec, width, cursor) : barChart(spec, width, cursor);
    chart.setAttribute('aria-hidden', 'true');
    target.replaceChildren(chart);
    figure.dataset.drawn = 'true';
  }

  /** Arrow keys move a cursor over a chart's points (or bars) and read their values out. */
  function onChartKey(event) {
    const figure = event.currentTarget;
    const spec = charts.get(figure.dataset.chart);
    const length = spec.kind === 'lines' ? spec.timeS.length : spec.categories.length;
    const current = cursors.has(spec.id) ? cursors.get(spec.id) : -1;
    const step = event.shiftKey ? 10 : 1;
    let next;
    if (event.key === 'ArrowRight') next = Math.min(length - 1, current + step);
    else if (event.key === 'ArrowLeft') next = Math.max(0, current < 0 ? 0 : current - step);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = length - 1;
    else if (event.key === 'Escape') next = null;
    else return;
    event.preventDefault();
    if (next === null) cursors.delete(spec.id);
    else cursors.set(spec.id, next);
    drawChart(figure);
    figure.querySelector('.readout').textContent = next === null ? '' : readout(spec, next);
  }

  function drawGraph(figure) {
    const graph = data.graph;
    const canvas = figure.querySelector('.graph-canvas');
    const layout = new dagre.graphlib.Graph();
    layout.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 10, marginy: 10 });
    layout.setDefaultEdgeLabel(() => ({}));
    for (const node of graph.nodes) {
      const longest = Math.max(
        node.id.length * 7.8,
        maxOf(
          node.details.map((line) => line.length * 6.4),
          0,
        ),
      );
      layout.setNode(node.id, { width: Math.ceil(longest + 20), height: 24 + 15 * node.details.length });
    }
    for (const edge of graph.edges) layout.setEdge(edge.source, edge.destination);
    try {
      dagre.layout(layout);
    } catch (error) {
      // The page caps the graph to a size dagre lays out; should the layout still fail, say so where it would be.
      const note = document.createElement('p');
      note.className = 'graph-note graph-error';
      note.textContent =
        `The call graph could not be laid out (${error instanceof Error ? error.message : String(error)}): ` +
        'the tables below list every service and edge.';
      canvas.replaceChildren(note);
      figure.dataset.drawn = 'error';
      return;
    }

    const ns = 'http://www.w3.org/2000/svg';
    const el = (name, attributes, parent) => {
      const element = document.createElementNS(ns, name);
      for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
      if (parent) parent.appendChild(element);
      return element;
    };
    const size = layout.graph();
    const svg = el('svg', {
      viewBox: `0 0 ${Math.ceil(size.width)} ${Math.ceil(size.height)}`,
      width: Math.ceil(size.width),
      role: 'group',
      'aria-label': 'Call graph',
      class: 'call-graph',
    });
    const defs = el('defs', {}, svg);
    const bands = graph.errorBands.length + 1;
    for (let band = 0; band <= bands; band++) {
      const marker = el(
        'marker',
        {
          id: `arrow-${band}`,
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerUnits: 'userSpaceOnUse',
          markerWidth: 12,
          markerHeight: 12,
          orient: 'auto-start-reverse',
        },
        defs,
      );
      el('path', { d: 'M0,0L10,5L0,10z', class: band === bands ? 'band-none' : `band-${band}` }, marker);
    }
    const bandOf = (ratio) => {
      if (ratio === null) return bands;
      const index = graph.errorBands.findIndex((upTo) => ratio < upTo);
      return index === -1 ? graph.errorBands.length : index;
    };
    const maxRate = Math.max(
      1e-9,
      maxOf(
        graph.edges.map((edge) => edge.rateRps),
        0,
      ),
    );
    const line = d3.line().curve(d3.curveBasis);
    const edgeLayer = el('g', { class: 'edges' }, svg);
    for (const edge of graph.edges) {
      const points = layout.edge(edge.source, edge.destination).points.map((point) => [point.x, point.y]);
      const band = bandOf(edge.errorRatio);
      const path = el(
        'path',
        {
          d: line(points),
          class: `edge ${band === bands ? 'band-none' : `band-${band}`}`,
          'stroke-width': (1.2 + 7 * Math.sqrt(edge.rateRps / maxRate)).toFixed(2),
          'marker-end': `url(#arrow-${band})`,
          tabindex: 0,
          role: 'img',
          'aria-label': edge.label,
          'data-edge': `${edge.source} → ${edge.destination}`,
        },
        edgeLayer,
      );
      el('title', {}, path).textContent = edge.label;
    }
    const nodeLayer = el('g', { class: 'nodes' }, svg);
    for (const node of graph.nodes) {
      const box = layout.node(node.id);
      const band = bandOf(node.errorRatio);
      const group = el(
        'g',
        {
          class: `node node-${node.kind}`,
          transform: `translate(${box.x - box.width / 2},${box.y - box.height / 2})`,
          tabindex: 0,
          role: 'img',
          'aria-label': `${node.id}: ${node.details.join('; ')}`,
          'data-node': node.id,
        },
        nodeLayer,
      );
      el(
        'rect',
        {
          width: box.width,
          height: box.height,
          rx: node.kind === 'source' ? box.height / 2 : 6,
          class: `node-box ${band === bands ? 'band-none' : `band-${band}`}`,
        },
        group,
      );
      el('text', { x: 10, y: 17, class: 'node-name' }, group).textContent = node.id;
      node.details.forEach((detail, i) => {
        el('text', { x: 10, y: 33 + 15 * i, class: 'node-detail' }, group).textContent = detail;
      });
      el('title', {}, group).textContent = `${node.id}\n${node.details.join('\n')}`;
    }
    canvas.replaceChildren(svg);
    figure.dataset.drawn = 'true';
  }

  function drawAll() {
    for (const figure of document.querySelectorAll('figure[data-chart]')) drawChart(figure);
  }

  for (const figure of document.querySelectorAll('figure[data-chart]'))
    figure.addEventListener('keydown', onChartKey);
  drawAll();
  const graphFigure = document.querySelector('figure[data-graph]');
  if (graphFigure !== null && data.graph !== undefined) drawGraph(graphFigure);

  // Charts are drawn at their box's width: draw them again when it changes (not the graph: its SVG scales).
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(drawAll, 150);
  });
  document.body.dataset.ready = 'true';
})();
