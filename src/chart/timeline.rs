//! The stance timeline: a lane per side or actor, time across, a mark per
//! stance.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::By;
use super::axis::{Axis, AxisSpec, Column};
use super::data::{EventItem, Groups, Item, Plotted, date_text};
use super::style::{self, Swatch};
use super::svg::{Svg, fit, num, text_width};
use crate::query::Hits;
use crate::{Analysis, DateRange, Granularity, Modality, StanceKind};

const MARGIN: f64 = 12.0;
const LANE_H: f64 = 22.0;
const PITCH: f64 = 9.0;
const RADIUS: f64 = 3.5;
const FONT: f64 = 11.0;
const SMALL: f64 = 10.0;
const EVENT_ROW: f64 = 13.0;
const EVENT_ROWS: usize = 4;
const EVENT_LABEL_MAX: f64 = 170.0;
const STRIP_GAP: f64 = 14.0;
const MAX_LABEL_W: f64 = 220.0;
/// Tooltips over many stances list this many examples.
const EXAMPLES: usize = 2;
/// A tooltip over many events lists this many.
const EVENT_EXAMPLES: usize = 8;

/// A stance timeline: one lane per side or actor (the stance's holder),
/// time on the x axis in day, week or month columns, a mark per stance
/// coloured by kind, events as labelled vertical lines, and a strip for
/// undated stances.
///
/// A mark is filled for an asserted or intended stance, hollow and dashed
/// for a conditional or hedged one, hollow and struck through for a negated
/// one. When a cell (a lane in one period) holds more stances than fit, its
/// marks are merged into one bar per kind, split in proportion, with the
/// number of stances under it. Every mark has a `<title>`: for a single
/// stance its kind, modality, target, speaker (and holder), date, document
/// and cue; for a merged bar the count, how many were negated or
/// conditional, and examples. Runs of more than three empty periods are
/// folded into a narrow break column (see
/// [`collapse_gaps`](TimelineChart::collapse_gaps)).
///
/// The output is a standalone SVG document (no scripts, no external
/// resources, the generic `sans-serif` font), the same bytes for the same
/// input and options.
///
/// # Examples
///
/// ```
/// use demarche::chrono::NaiveDate;
/// use demarche::Parser;
/// use demarche::chart::{By, TimelineChart};
///
/// let text = "Kremlin spokesperson Dmitry Peskov said on Tuesday that Russia would \
///             strike back at Ukraine. Ukraine's foreign ministry condemned the threat.";
/// let parsed = Parser::new().parse_document("a1", text, NaiveDate::from_ymd_opt(2025, 6, 5))?;
/// let svg = TimelineChart::new().by(By::Side).title("Drone strikes").render(&parsed.analysis);
/// assert!(svg.starts_with("<?xml"));
/// assert!(svg.contains("Russia (RUS)")); // a lane label
/// assert!(svg.contains("“strike back”")); // a mark's tooltip
/// assert_eq!(svg, TimelineChart::new().by(By::Side).title("Drone strikes").render(&parsed.analysis));
/// # Ok::<(), demarche::ParseError>(())
/// ```
#[derive(Clone, Debug)]
pub struct TimelineChart {
    by: By,
    granularity: Option<Granularity>,
    collapse_gaps: bool,
    events: bool,
    max_lanes: usize,
    title: Option<String>,
    plot_width: f64,
}

impl Default for TimelineChart {
    fn default() -> TimelineChart {
        TimelineChart::new()
    }
}

impl TimelineChart {
    /// A timeline with lanes by side, the granularity chosen from the data,
    /// empty stretches folded, events shown, at most 100 lanes, and a plot
    /// about 760 pixels wide.
    pub fn new() -> TimelineChart {
        TimelineChart {
            by: By::Side,
            granularity: None,
            collapse_gaps: true,
            events: true,
            max_lanes: 100,
            title: None,
            plot_width: 760.0,
        }
    }

    /// Lanes per side (the holder's country or organisation code) or per
    /// actor (the holder itself).
    pub fn by(mut self, by: By) -> TimelineChart {
        self.by = by;
        self
    }

    /// The size of a column: a day, an ISO week or a calendar month. By
    /// default the finest that needs at most 40 columns.
    pub fn granularity(mut self, granularity: Granularity) -> TimelineChart {
        self.granularity = Some(granularity);
        self
    }

    /// Whether runs of more than three empty periods fold into one narrow
    /// break column (on by default). Even when off, an axis longer than
    /// 2,000 periods is folded.
    pub fn collapse_gaps(mut self, collapse: bool) -> TimelineChart {
        self.collapse_gaps = collapse;
        self
    }

    /// Whether events are drawn (on by default). For query hits, only the
    /// events within the hits' dates are.
    pub fn events(mut self, events: bool) -> TimelineChart {
        self.events = events;
        self
    }

    /// The most lanes drawn (at least 1); past it, the smallest fold into
    /// one lane of others.
    pub fn max_lanes(mut self, max: usize) -> TimelineChart {
        self.max_lanes = max.max(1);
        self
    }

    /// The heading drawn at the top ("Stances over time" by default).
    pub fn title(mut self, title: impl Into<String>) -> TimelineChart {
        self.title = Some(title.into());
        self
    }

    /// About how wide the time axis is, in pixels (between 100 and 10,000;
    /// 760 by default). Columns stay between 24 and 110 pixels wide, so the
    /// axis can come out wider or narrower.
    pub fn plot_width(mut self, width: u32) -> TimelineChart {
        self.plot_width = f64::from(width.clamp(100, 10_000));
        self
    }

    /// The timeline of every stance in the analysis, with its events.
    pub fn render(&self, analysis: &Analysis) -> String {
        self.draw(&Plotted::from_analysis(analysis))
    }

    /// The timeline of the stances a search matched, with the events of
    /// its analysis that fall within their dates.
    ///
    /// ```
    /// use demarche::chart::TimelineChart;
    /// use demarche::query::{Index, synth};
    ///
    /// let corpus = synth::corpus(500, 1);
    /// let index = Index::new(&corpus);
    /// let hits = index.query("holder:RUS kind:retaliation").unwrap();
    /// let svg = TimelineChart::new().render_hits(&hits);
    /// assert_eq!(svg.matches("class=\"mark ").count() > 0, hits.stance_count() > 0);
    /// ```
    pub fn render_hits(&self, hits: &Hits<'_>) -> String {
        self.draw(&Plotted::from_hits(hits))
    }

    fn draw(&self, p: &Plotted<'_>) -> String {
        let none = match self.by {
            By::Side => "no side",
            By::Actor => "unknown",
        };
        let keys: Vec<String> = p
            .items
            .iter()
            .map(|i| p.key(Some(&i.stance.holder), self.by))
            .collect();
        let lanes = Groups::rank(
            p,
            self.by,
            keys.iter().map(String::as_str),
            none,
            self.max_lanes,
        );
        let events = self.events_to_draw(p);
        let mut days: Vec<NaiveDate> = p
            .items
            .iter()
            .filter_map(|i| i.dates.map(|d| d.start))
            .chain(events.iter().filter_map(|e| e.dates.map(|d| d.start)))
            .collect();
        days.sort_unstable();
        let axis = Axis::new(
            &days,
            &AxisSpec {
                granularity: self.granularity,
                collapse: self.collapse_gaps,
                target_width: self.plot_width,
            },
        );
        let cols = axis.as_ref().map_or(0, |a| a.columns.len());
        let cells = cells(p, &keys, &lanes, axis.as_ref());
        let undated_events: Vec<&EventItem<'_>> = events
            .iter()
            .copied()
            .filter(|e| e.dates.is_none())
            .collect();
        let shown = Shown {
            strip: cells.keys().any(|&(_, c)| c == cols) || !undated_events.is_empty(),
            merged: cells.iter().any(|(&(_, c), list)| {
                let w = axis.as_ref().and_then(|a| a.w.get(c).copied());
                !fits(list.len(), w.unwrap_or_else(|| strip_width(axis.as_ref())))
            }),
        };
        let frame = Frame::new(self, p, &lanes, axis.as_ref(), shown, &events);
        let mut svg = Svg::new(
            frame.width,
            frame.height,
            &frame.title,
            &style::stylesheet(),
        );
        frame.draw_header(&mut svg, &frame.subtitle(p, &cells, cols, &events));
        frame.draw_background(&mut svg, &lanes, axis.as_ref());
        frame.draw_axis(&mut svg, axis.as_ref(), frame.axis_y, true);
        if let Some(y) = frame.bottom_axis_y {
            frame.draw_axis(&mut svg, axis.as_ref(), y, false);
        }
        frame.draw_events(&mut svg);
        frame.draw_lane_labels(&mut svg, &lanes);
        svg.open("g", &[("class", "marks".into())]);
        for (&(lane, col), list) in &cells {
            let items: Vec<&Item<'_>> = list.iter().map(|&k| &p.items[k]).collect();
            let (x, w, period) = match axis
                .as_ref()
                .and_then(|a| a.columns.get(col).map(|c| (a, c)))
            {
                Some((a, Column::Bin(r))) => (frame.plot_x + a.x[col], a.w[col], Some(*r)),
                Some((a, Column::Gap(r, _))) => (frame.plot_x + a.x[col], a.w[col], Some(*r)),
                None => (frame.strip_x, frame.strip_w, None),
            };
            let cell = Cell {
                x,
                w,
                top: frame.plot_y + lane as f64 * LANE_H,
                lane: &lanes.list[lane].label,
                period,
            };
            draw_cell(&mut svg, p, &items, &cell);
        }
        svg.close("g");
        if p.items.is_empty() {
            svg.text(
                &[
                    ("class", "sub".into()),
                    ("x", frame.plot_x.into()),
                    ("y", (frame.plot_y + 14.0).into()),
                ],
                "no stances to chart",
            );
        }
        svg.finish()
    }

    /// The events to draw: none when turned off; for hits, those whose
    /// first day falls within the hits' periods, or undated.
    fn events_to_draw<'p>(&self, p: &'p Plotted<'_>) -> Vec<&'p EventItem<'p>> {
        if !self.events {
            return Vec::new();
        }
        if !p.scoped {
            return p.events.iter().collect();
        }
        let starts = p.items.iter().filter_map(|i| i.dates.map(|d| d.start));
        let (Some(first), Some(last)) = (starts.clone().min(), starts.max()) else {
            return Vec::new();
        };
        let g = self.granularity.unwrap_or(Granularity::Month);
        let within = DateRange::new(g.period(first).start, g.period(last).end);
        p.events
            .iter()
            .filter(|e| e.dates.is_some_and(|d| within.contains(d.start)))
            .collect()
    }
}

/// One cell: a lane in one column.
struct Cell<'c> {
    x: f64,
    w: f64,
    top: f64,
    lane: &'c str,
    period: Option<DateRange>,
}

/// The stances of each cell, by (lane, column), in kind order then
/// position; column `columns.len()` is the undated strip.
fn cells(
    p: &Plotted<'_>,
    keys: &[String],
    lanes: &Groups,
    axis: Option<&Axis>,
) -> BTreeMap<(usize, usize), Vec<usize>> {
    let cols = axis.map_or(0, |a| a.columns.len());
    let mut cells: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (k, (item, key)) in p.items.iter().zip(keys).enumerate() {
        let lane = lanes.of(key).unwrap_or(0);
        let col = match (axis, item.dates) {
            (Some(a), Some(d)) => a.column(d.start).unwrap_or(cols),
            _ => cols,
        };
        cells.entry((lane, col)).or_default().push(k);
    }
    for list in cells.values_mut() {
        list.sort_by_key(|&k| (p.items[k].stance.kind, p.items[k].at));
    }
    cells
}

/// What the chart holds beyond lanes and columns.
#[derive(Clone, Copy)]
struct Shown {
    /// The undated strip: undated stances or events.
    strip: bool,
    /// A cell whose stances were merged.
    merged: bool,
}

/// The width of the undated strip.
fn strip_width(axis: Option<&Axis>) -> f64 {
    axis.map_or(80.0, |a| a.bin_width.max(80.0))
}

/// How many marks fit in a row of a cell `w` wide.
fn per_row(w: f64) -> usize {
    (((w - 4.0) / PITCH).floor() as usize).max(1)
}

/// Whether `n` marks fit in a cell `w` wide, in two rows.
fn fits(n: usize, w: f64) -> bool {
    n <= per_row(w) * 2
}

/// Draws a cell's stances: a mark each when they fit, else a bar per kind.
fn draw_cell(svg: &mut Svg, p: &Plotted<'_>, items: &[&Item<'_>], cell: &Cell<'_>) {
    let per_row = per_row(cell.w);
    if !fits(items.len(), cell.w) {
        draw_merged(svg, p, items, cell);
        return;
    }
    let rows = if items.len() > per_row { 2 } else { 1 };
    let used = items.len().div_ceil(rows);
    let x0 = cell.x + cell.w / 2.0 - used as f64 * PITCH / 2.0 + PITCH / 2.0;
    let mid = cell.top + LANE_H / 2.0;
    for (k, item) in items.iter().enumerate() {
        let (col, row) = (k / rows, k % rows);
        let cx = x0 + col as f64 * PITCH;
        let cy = if rows == 1 {
            mid
        } else {
            mid + (row as f64 - 0.5) * PITCH
        };
        draw_mark(
            svg,
            &p.describe(item),
            item.stance.kind,
            item.stance.modality,
            cx,
            cy,
        );
    }
}

/// One stance's mark: filled, hollow and dashed, or struck through.
fn draw_mark(svg: &mut Svg, title: &str, kind: StanceKind, modality: Modality, cx: f64, cy: f64) {
    let circle = [("cx", cx.into()), ("cy", cy.into()), ("r", RADIUS.into())];
    let class = match modality {
        Modality::Negated => {
            let class = format!("mark {} negated", kind.as_str());
            svg.open("g", &[("class", class.as_str().into())]);
            svg.title(title);
            svg.empty("circle", &circle);
            svg.empty(
                "path",
                &[("d", style::strike(cx, cy, RADIUS).as_str().into())],
            );
            svg.close("g");
            return;
        }
        Modality::Conditional | Modality::Hedged => format!("mark {} conditional", kind.as_str()),
        _ => format!("mark {}", kind.as_str()),
    };
    let [x, y, r] = circle;
    svg.titled(
        "circle",
        &[("class", class.as_str().into()), x, y, r],
        title,
    );
}

/// A cell with too many stances for marks: a bar across the cell, split by
/// kind in proportion (each part at least 1.5 pixels), each part one mark,
/// and the count under it.
fn draw_merged(svg: &mut Svg, p: &Plotted<'_>, items: &[&Item<'_>], cell: &Cell<'_>) {
    let mut by_kind: Vec<(StanceKind, Vec<&Item<'_>>)> = Vec::new();
    for item in items {
        match by_kind.last_mut() {
            Some((k, list)) if *k == item.stance.kind => list.push(item),
            _ => by_kind.push((item.stance.kind, vec![item])),
        }
    }
    let (x0, width) = (cell.x + 2.0, cell.w - 4.0);
    let spare = (width - 1.5 * by_kind.len() as f64).max(0.0);
    let total = items.len() as f64;
    let mut x = x0;
    let when = cell
        .period
        .map_or_else(|| "undated".to_owned(), |r| r.to_string());
    for (kind, list) in &by_kind {
        let w = 1.5 + spare * list.len() as f64 / total;
        let title = merged_title(p, cell.lane, &when, *kind, list);
        let class = format!("mark merged {}", kind.as_str());
        let count = list.len().to_string();
        svg.titled(
            "rect",
            &[
                ("class", class.as_str().into()),
                ("data-count", count.as_str().into()),
                ("x", x.into()),
                ("y", (cell.top + 3.0).into()),
                ("width", w.into()),
                ("height", 8.0.into()),
            ],
            &title,
        );
        x += w;
    }
    let count = short_count(items.len());
    if text_width(&count, 9.0) <= width {
        svg.text(
            &[
                ("class", "count".into()),
                ("x", (cell.x + cell.w / 2.0).into()),
                ("y", (cell.top + LANE_H - 3.0).into()),
            ],
            &count,
        );
    }
}

/// A count in at most four characters: `37`, `999`, `12k`.
fn short_count(n: usize) -> String {
    if n < 1000 {
        n.to_string()
    } else if n < 1_000_000 {
        format!("{}k", n / 1000)
    } else {
        format!("{}M", n / 1_000_000)
    }
}

fn merged_title(
    p: &Plotted<'_>,
    lane: &str,
    when: &str,
    kind: StanceKind,
    list: &[&Item<'_>],
) -> String {
    let negated = list
        .iter()
        .filter(|i| i.stance.modality == Modality::Negated)
        .count();
    let conditional = list
        .iter()
        .filter(|i| matches!(i.stance.modality, Modality::Conditional | Modality::Hedged))
        .count();
    let mut t = format!(
        "{} {} stances merged: {lane}, {when}",
        list.len(),
        kind.as_str()
    );
    if negated + conditional > 0 {
        t.push_str(&format!(
            " ({negated} negated, {conditional} conditional or hedged)"
        ));
    }
    for item in list.iter().take(EXAMPLES) {
        t.push('\n');
        t.push_str(&p.example(item));
    }
    if list.len() > EXAMPLES {
        t.push_str(&format!("\n… and {} more", list.len() - EXAMPLES));
    }
    t
}

/// An event marker: where, its label and row (none when no row had room),
/// its tooltip, and whether it has a line (undated events have none).
struct EventMark {
    x: f64,
    /// Where the last day is, for events over several days.
    end: Option<f64>,
    label: String,
    row: Option<usize>,
    title: String,
    line: bool,
}

/// Where everything goes.
struct Frame {
    title: String,
    width: f64,
    height: f64,
    plot_x: f64,
    plot_y: f64,
    plot_h: f64,
    plot_w: f64,
    label_w: f64,
    strip_x: f64,
    strip_w: f64,
    has_strip: bool,
    legend: Vec<(Swatch, String)>,
    legend_y: f64,
    axis_y: f64,
    bottom_axis_y: Option<f64>,
    band_y: f64,
    events: Vec<EventMark>,
    by: By,
    lanes: usize,
}

impl Frame {
    fn new(
        chart: &TimelineChart,
        p: &Plotted<'_>,
        lanes: &Groups,
        axis: Option<&Axis>,
        shown: Shown,
        events: &[&EventItem<'_>],
    ) -> Frame {
        let has_strip = shown.strip;
        let title = chart
            .title
            .clone()
            .unwrap_or_else(|| "Stances over time".to_owned());
        let label_w = lanes
            .list
            .iter()
            .map(|g| text_width(&g.label, FONT))
            .fold(50.0, f64::max)
            .min(MAX_LABEL_W);
        let plot_x = MARGIN + label_w + 10.0;
        let plot_w = axis.map_or(0.0, |a| a.width);
        let strip_w = strip_width(axis);
        let strip_x = plot_x + plot_w + if plot_w > 0.0 { STRIP_GAP } else { 0.0 };
        let right = if has_strip {
            strip_x + strip_w
        } else {
            plot_x + plot_w
        };
        let mut legend = style::kind_entries(p.items.iter().map(|i| i.stance.kind));
        legend.extend([
            (Swatch::Asserted, "asserted or intended".to_owned()),
            (Swatch::Conditional, "conditional or hedged".to_owned()),
            (Swatch::Negated, "negated".to_owned()),
        ]);
        if shown.merged {
            legend.push((Swatch::Merged, "stances merged, count below".to_owned()));
        }
        if !events.is_empty() {
            legend.push((Swatch::Event, "event".to_owned()));
        }
        if axis.is_some_and(|a| a.columns.iter().any(|c| matches!(c, Column::Gap(..)))) {
            legend.push((Swatch::Gap, "empty periods left out".to_owned()));
        }
        let mut frame = Frame {
            title,
            width: 0.0,
            height: 0.0,
            plot_x,
            plot_y: 0.0,
            plot_h: lanes.len().max(1) as f64 * LANE_H,
            plot_w,
            label_w,
            strip_x,
            strip_w,
            has_strip,
            legend,
            legend_y: 0.0,
            axis_y: 0.0,
            bottom_axis_y: None,
            band_y: 0.0,
            events: Vec::new(),
            by: chart.by,
            lanes: lanes.len(),
        };
        frame.events = frame.place_events(p, axis, events);
        let events_right = frame
            .events
            .iter()
            .filter(|e| e.row.is_some())
            .map(|e| e.x + 3.0 + text_width(&e.label, SMALL))
            .fold(0.0, f64::max);
        frame.width = [
            right + MARGIN,
            events_right + MARGIN,
            MARGIN * 2.0 + style::legend_min_width(&frame.legend),
            MARGIN * 2.0 + text_width(&frame.title, 15.0),
            480.0,
        ]
        .into_iter()
        .fold(0.0, f64::max)
        .ceil();
        frame.layout_vertically();
        frame
    }

    fn layout_vertically(&mut self) {
        let (_, legend_h) = style::legend_layout(&self.legend, self.width - 2.0 * MARGIN);
        self.legend_y = 52.0;
        self.axis_y = self.legend_y + legend_h + 8.0;
        self.band_y = self.axis_y + 30.0;
        let rows = self
            .events
            .iter()
            .filter_map(|e| e.row)
            .max()
            .map_or(0, |r| r + 1);
        let band_h = if rows > 0 {
            rows as f64 * EVENT_ROW + 4.0
        } else {
            0.0
        };
        self.plot_y = self.band_y + band_h + 2.0;
        let mut end = self.plot_y + self.plot_h;
        if self.lanes > 15 {
            self.bottom_axis_y = Some(end + 4.0);
            end += 34.0;
        }
        self.height = (end + MARGIN).ceil();
    }

    /// Event markers, one per day with events, undated ones together in the
    /// strip; each label takes the row below every earlier label still
    /// running at its x, so no label overlaps another or an earlier line.
    fn place_events(
        &self,
        p: &Plotted<'_>,
        axis: Option<&Axis>,
        events: &[&EventItem<'_>],
    ) -> Vec<EventMark> {
        let mut by_x: BTreeMap<i64, Vec<&EventItem<'_>>> = BTreeMap::new();
        let mut undated = Vec::new();
        for e in events {
            let x = match (axis, e.dates) {
                (Some(a), Some(d)) => a.x_of(d.start),
                _ => None,
            };
            match x {
                Some(x) => by_x.entry((x * 10.0).round() as i64).or_default().push(e),
                None => undated.push(*e),
            }
        }
        let mut marks: Vec<EventMark> = by_x
            .into_iter()
            .map(|(x, list)| {
                let mut m = event_mark(p, self.plot_x + x as f64 / 10.0, &list, true);
                m.end = list
                    .iter()
                    .filter_map(|e| e.dates.filter(|d| d.end > d.start))
                    .filter_map(|d| axis.and_then(|a| a.x_of(d.end)))
                    .map(|x| self.plot_x + x)
                    .reduce(f64::max);
                m
            })
            .collect();
        if !undated.is_empty() {
            let mut m = event_mark(p, self.strip_x + 3.0, &undated, false);
            m.label = format!(
                "{} undated event{}",
                undated.len(),
                if undated.len() == 1 { "" } else { "s" }
            );
            marks.push(m);
        }
        let mut open: Vec<(f64, usize)> = Vec::new(); // (right end, row) of labels placed
        for m in &mut marks {
            open.retain(|&(right, _)| right + 4.0 > m.x);
            let row = open.iter().map(|&(_, r)| r + 1).max().unwrap_or(0);
            if row < EVENT_ROWS {
                m.row = Some(row);
                let label_end = m.x + 5.0 + text_width(&m.label, SMALL);
                open.push((label_end.max(m.end.unwrap_or(0.0)), row));
            }
        }
        marks
    }

    fn subtitle(
        &self,
        p: &Plotted<'_>,
        cells: &BTreeMap<(usize, usize), Vec<usize>>,
        cols: usize,
        events: &[&EventItem<'_>],
    ) -> String {
        let by = match self.by {
            By::Side => "side",
            By::Actor => "actor",
        };
        let mut s = format!(
            "{} stance{} · {} lane{} by {by}",
            p.items.len(),
            plural(p.items.len()),
            self.lanes,
            plural(self.lanes)
        );
        if !events.is_empty() {
            s.push_str(&format!(
                " · {} event{}",
                events.len(),
                plural(events.len())
            ));
        }
        let undated: usize = cells
            .iter()
            .filter(|((_, c), _)| *c == cols)
            .map(|(_, l)| l.len())
            .sum();
        if undated > 0 {
            s.push_str(&format!(" · {undated} undated"));
        }
        s
    }

    fn draw_header(&self, svg: &mut Svg, subtitle: &str) {
        svg.text(
            &[
                ("class", "head".into()),
                ("x", MARGIN.into()),
                ("y", 26.0.into()),
            ],
            &self.title,
        );
        let sub = fit(subtitle, FONT, self.width - 2.0 * MARGIN);
        svg.text(
            &[
                ("class", "sub".into()),
                ("x", MARGIN.into()),
                ("y", 43.0.into()),
            ],
            &sub,
        );
        style::draw_legend(
            svg,
            &self.legend,
            MARGIN,
            self.legend_y,
            self.width - 2.0 * MARGIN,
        );
    }

    /// Lane stripes, column lines, break columns and the undated strip.
    fn draw_background(&self, svg: &mut Svg, lanes: &Groups, axis: Option<&Axis>) {
        let right = if self.has_strip {
            self.strip_x + self.strip_w
        } else {
            self.plot_x + self.plot_w
        };
        for lane in (1..lanes.len()).step_by(2) {
            svg.empty(
                "rect",
                &[
                    ("class", "stripe".into()),
                    ("x", MARGIN.into()),
                    ("y", (self.plot_y + lane as f64 * LANE_H).into()),
                    ("width", (right - MARGIN).into()),
                    ("height", LANE_H.into()),
                ],
            );
        }
        let (top, bottom) = (self.plot_y, self.plot_y + self.plot_h);
        if let Some(a) = axis {
            let mut d = String::new();
            for (i, c) in a.columns.iter().enumerate() {
                let x = self.plot_x + a.x[i];
                d.push_str(&format!("M{} {}V{}", num(x), num(top), num(bottom)));
                if let Column::Gap(range, n) = c {
                    self.draw_gap(svg, x, a.w[i], *range, *n, a.granularity);
                }
            }
            let x = self.plot_x + a.width;
            d.push_str(&format!("M{} {}V{}", num(x), num(top), num(bottom)));
            svg.empty(
                "path",
                &[("class", "grid".into()), ("d", d.as_str().into())],
            );
        }
        if self.has_strip {
            svg.empty(
                "rect",
                &[
                    ("class", "strip".into()),
                    ("x", self.strip_x.into()),
                    ("y", top.into()),
                    ("width", self.strip_w.into()),
                    ("height", self.plot_h.into()),
                    ("fill-opacity", 0.6.into()),
                ],
            );
        }
    }

    fn draw_gap(&self, svg: &mut Svg, x: f64, w: f64, range: DateRange, n: u64, g: Granularity) {
        let unit = match g {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
        };
        let title = format!(
            "{n} empty {unit}{} left out: {range}",
            if n == 1 { "" } else { "s" }
        );
        svg.open("g", &[("class", "break".into())]);
        svg.title(&title);
        svg.empty(
            "rect",
            &[
                ("class", "gap".into()),
                ("x", x.into()),
                ("y", self.plot_y.into()),
                ("width", w.into()),
                ("height", self.plot_h.into()),
            ],
        );
        for y in [self.plot_y + 2.0, self.plot_y + self.plot_h - 12.0] {
            svg.empty(
                "path",
                &[
                    ("class", "gapmark".into()),
                    ("d", style::zigzag(x + w / 2.0, y).as_str().into()),
                ],
            );
        }
        svg.close("g");
    }

    /// The period and year labels, over the plot (`top`) or under it.
    fn draw_axis(&self, svg: &mut Svg, axis: Option<&Axis>, y: f64, top: bool) {
        let (year_y, period_y) = if top {
            (y + 11.0, y + 24.0)
        } else {
            (y + 24.0, y + 11.0)
        };
        svg.open("g", &[("class", "axis".into())]);
        if let Some(a) = axis {
            let super::axis::Labels { periods, years } = a.labels(SMALL);
            for (i, text) in periods {
                let x = self.plot_x + a.x[i] + a.w[i] / 2.0;
                svg.text(
                    &[
                        ("class", "mid".into()),
                        ("x", x.into()),
                        ("y", period_y.into()),
                    ],
                    &text,
                );
            }
            for (i, year) in years {
                let x = self.plot_x + a.x[i] + 2.0;
                svg.text(
                    &[
                        ("class", "year".into()),
                        ("x", x.into()),
                        ("y", year_y.into()),
                    ],
                    &year.to_string(),
                );
            }
            let word = fit(a.granularity_word(), SMALL, self.label_w);
            svg.text(
                &[
                    ("class", "end".into()),
                    ("x", (self.plot_x - 8.0).into()),
                    ("y", year_y.into()),
                ],
                &word,
            );
        }
        if self.has_strip {
            let x = self.strip_x + self.strip_w / 2.0;
            svg.text(
                &[
                    ("class", "mid".into()),
                    ("x", x.into()),
                    ("y", period_y.into()),
                ],
                "undated",
            );
        }
        svg.close("g");
    }

    /// Each event: a dashed line from its label (or, unlabelled, from the
    /// plot's top) down through the lanes, a marker, the label, and under it
    /// a bracket to the last day of an event over several days.
    fn draw_events(&self, svg: &mut Svg) {
        let bottom = self.plot_y + self.plot_h;
        for e in &self.events {
            let class = if e.row.is_some() {
                "event"
            } else {
                "event quiet"
            };
            svg.open("g", &[("class", class.into())]);
            svg.title(&e.title);
            let top = match e.row {
                Some(r) => self.band_y + r as f64 * EVENT_ROW,
                None => self.plot_y - 6.0,
            };
            if e.line {
                svg.empty(
                    "line",
                    &[
                        ("x1", e.x.into()),
                        ("y1", top.into()),
                        ("x2", e.x.into()),
                        ("y2", bottom.into()),
                    ],
                );
            }
            let d = format!("M{} {}l-3.5 -5h7z", num(e.x), num(top + 6.0));
            svg.empty("path", &[("d", d.as_str().into())]);
            if let Some(r) = e.row {
                let y = self.band_y + r as f64 * EVENT_ROW;
                svg.text(
                    &[("x", (e.x + 5.0).into()), ("y", (y + 9.5).into())],
                    &e.label,
                );
                if let Some(end) = e.end {
                    let d = format!("M{} {}v-2.5H{}v2.5", num(e.x), num(y + 14.0), num(end));
                    svg.empty(
                        "path",
                        &[("class", "span".into()), ("d", d.as_str().into())],
                    );
                }
            }
            svg.close("g");
        }
    }

    fn draw_lane_labels(&self, svg: &mut Svg, lanes: &Groups) {
        svg.open("g", &[("class", "lanes".into())]);
        for (i, lane) in lanes.list.iter().enumerate() {
            let y = self.plot_y + i as f64 * LANE_H + LANE_H / 2.0 + 4.0;
            svg.titled_text(
                &[
                    ("class", "label end".into()),
                    ("x", (self.plot_x - 8.0).into()),
                    ("y", y.into()),
                ],
                &lane.tooltip,
                &fit(&lane.label, FONT, self.label_w),
            );
        }
        svg.close("g");
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The marker for the events at one x: the first one's kind and cue as its
/// label (with how many more), all of them in the tooltip.
fn event_mark(p: &Plotted<'_>, x: f64, list: &[&EventItem<'_>], line: bool) -> EventMark {
    let describe = |e: &EventItem<'_>| {
        let ev = e.event;
        let mut t = format!(
            "{} {}: {}",
            ev.kind.as_str(),
            date_text(e.dates),
            ev.description
        );
        let who = |a: &Option<crate::ActorId>| a.as_ref().map_or("?", |a| p.name(a)).to_owned();
        if ev.initiator.is_some() || ev.target.is_some() {
            t.push_str(&format!(" ({} → {})", who(&ev.initiator), who(&ev.target)));
        }
        t.push_str(&format!(", {}", ev.document.as_str()));
        t
    };
    let mut label = list
        .first()
        .map(|e| event_label(e.event))
        .unwrap_or_default();
    if list.len() > 1 {
        label = format!(
            "{} +{}",
            fit(&label, SMALL, EVENT_LABEL_MAX - 24.0),
            list.len() - 1
        );
    } else {
        label = fit(&label, SMALL, EVENT_LABEL_MAX);
    }
    let mut title: Vec<String> = list
        .iter()
        .take(EVENT_EXAMPLES)
        .map(|e| describe(e))
        .collect();
    if list.len() > EVENT_EXAMPLES {
        title.push(format!("… and {} more", list.len() - EVENT_EXAMPLES));
    }
    EventMark {
        x,
        end: None,
        label,
        row: None,
        title: title.join("\n"),
        line,
    }
}

/// An event's label: its kind and cue ("attack: drone strikes"), or the cue
/// alone when it names the kind ("phone call", "talks").
fn event_label(event: &crate::Event) -> String {
    let kind = event.kind.as_str();
    if event.cue.text.to_lowercase().contains(kind) {
        event.cue.text.clone()
    } else {
        format!("{kind}: {}", event.cue.text)
    }
}
