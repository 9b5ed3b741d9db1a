//! The dyad chart: who takes which stance toward whom, as a holder × target
//! matrix.

use std::collections::BTreeMap;

use super::By;
use super::data::{Groups, Item, Plotted};
use super::style::{self, Swatch};
use super::svg::{Svg, fit, text_width};
use crate::query::Hits;
use crate::{Analysis, Modality, StanceKind};

const MARGIN: f64 = 12.0;
const CELL_W: f64 = 50.0;
const CELL_H: f64 = 44.0;
const BAR_W: f64 = 5.5;
const BAR_PITCH: f64 = 7.0;
const BAR_MAX: f64 = 27.0;
const TOTAL_W: f64 = 50.0;
const TOTAL_H: f64 = 24.0;
const FONT: f64 = 11.0;
const MAX_LABEL_W: f64 = 220.0;
const MAX_HEADER_W: f64 = 200.0;
/// Tooltips over many stances list this many examples.
const EXAMPLES: usize = 2;

/// A dyad chart: a row per holder (side or actor), a column per target, and
/// in each cell one bar per stance kind, its height growing with the square
/// root of the count (so that single stances stay visible beside large
/// counts), with the cell's total above; row, column and grand totals at the
/// edges.
///
/// As in [`DyadTable`](crate::query::DyadTable), negated stances ("ruled
/// out talks") are left out, since they are not the position their kind
/// names; the subtitle says how many. Stances with no target, or a target
/// with no side, go in the last column. Each bar has a `<title>` with the
/// holder, target, kind and count and examples naming the speaker, date and
/// cue; each cell's background, the cell's counts by kind.
///
/// # Examples
///
/// ```
/// use demarche::chart::{By, DyadChart};
/// use demarche::query::{Index, synth};
///
/// let corpus = synth::corpus(1_000, 3);
/// let svg = DyadChart::new().by(By::Side).render(&corpus);
/// assert!(svg.contains("Russia (RUS)"));
/// // The grand total is the dyad table's.
/// let total = Index::new(&corpus).all().dyad_table().total();
/// assert!(svg.contains(&format!(">{total}</text>")));
/// ```
#[derive(Clone, Debug)]
pub struct DyadChart {
    by: By,
    max_rows: usize,
    max_columns: usize,
    title: Option<String>,
}

impl Default for DyadChart {
    fn default() -> DyadChart {
        DyadChart::new()
    }
}

impl DyadChart {
    /// A dyad chart by side, with at most 60 rows and 60 columns.
    pub fn new() -> DyadChart {
        DyadChart {
            by: By::Side,
            max_rows: 60,
            max_columns: 60,
            title: None,
        }
    }

    /// Rows and columns per side or per actor.
    pub fn by(mut self, by: By) -> DyadChart {
        self.by = by;
        self
    }

    /// The most rows (holders) drawn, at least 1; past it, the smallest fold
    /// into one row of others.
    pub fn max_rows(mut self, max: usize) -> DyadChart {
        self.max_rows = max.max(1);
        self
    }

    /// The most columns (targets) drawn, at least 1; past it, the smallest
    /// fold into one column of others.
    pub fn max_columns(mut self, max: usize) -> DyadChart {
        self.max_columns = max.max(1);
        self
    }

    /// The heading drawn at the top ("Who takes which stance toward whom" by
    /// default).
    pub fn title(mut self, title: impl Into<String>) -> DyadChart {
        self.title = Some(title.into());
        self
    }

    /// The chart of every stance in the analysis.
    pub fn render(&self, analysis: &Analysis) -> String {
        self.draw(&Plotted::from_analysis(analysis))
    }

    /// The chart of the stances a search matched.
    ///
    /// ```
    /// use demarche::chart::DyadChart;
    /// use demarche::query::{Index, synth};
    ///
    /// let corpus = synth::corpus(500, 1);
    /// let index = Index::new(&corpus);
    /// let hits = index.query("target:UKR").unwrap();
    /// let svg = DyadChart::new().render_hits(&hits);
    /// assert!(svg.contains("Ukraine (UKR)"));
    /// ```
    pub fn render_hits(&self, hits: &Hits<'_>) -> String {
        self.draw(&Plotted::from_hits(hits))
    }

    fn draw(&self, p: &Plotted<'_>) -> String {
        let held: Vec<&Item<'_>> = p
            .items
            .iter()
            .filter(|i| i.stance.modality != Modality::Negated)
            .collect();
        let negated = p.items.len() - held.len();
        let holders: Vec<String> = held
            .iter()
            .map(|i| p.key(Some(&i.stance.holder), self.by))
            .collect();
        let targets: Vec<String> = held
            .iter()
            .map(|i| p.key(i.stance.target.as_ref(), self.by))
            .collect();
        let none = match self.by {
            By::Side => "no side",
            By::Actor => "unknown",
        };
        let rows = Groups::rank(
            p,
            self.by,
            holders.iter().map(String::as_str),
            none,
            self.max_rows,
        );
        let cols = Groups::rank(
            p,
            self.by,
            targets.iter().map(String::as_str),
            "none",
            self.max_columns,
        );
        // (row, column) → stances by kind, in kind order.
        let mut cells: BTreeMap<(usize, usize), BTreeMap<StanceKind, Vec<&Item<'_>>>> =
            BTreeMap::new();
        for (k, item) in held.iter().enumerate() {
            let r = rows.of(&holders[k]).unwrap_or(0);
            let c = cols.of(&targets[k]).unwrap_or(0);
            cells
                .entry((r, c))
                .or_default()
                .entry(item.stance.kind)
                .or_default()
                .push(item);
        }
        let max = cells
            .values()
            .flat_map(|kinds| kinds.values().map(Vec::len))
            .max()
            .unwrap_or(1);
        let frame = Frame::new(self, &rows, &cols, &held, negated);
        let mut svg = Svg::new(
            frame.width,
            frame.height,
            &frame.title,
            &style::stylesheet(),
        );
        frame.draw_header(&mut svg);
        frame.draw_stripes(&mut svg);
        frame.draw_labels(&mut svg, &rows, &cols);
        svg.open("g", &[("class", "marks".into())]);
        for (&(r, c), kinds) in &cells {
            let cell = CellAt {
                x: frame.grid_x + c as f64 * CELL_W,
                y: frame.grid_y + r as f64 * CELL_H,
                holder: &rows.list[r].label,
                target: &cols.list[c].label,
            };
            draw_cell(&mut svg, p, kinds, &cell, max);
        }
        svg.close("g");
        frame.draw_totals(&mut svg, &rows, &cols, held.len());
        if held.is_empty() {
            svg.text(
                &[
                    ("class", "sub".into()),
                    ("x", frame.grid_x.into()),
                    ("y", (frame.grid_y + 14.0).into()),
                ],
                "no stances to chart",
            );
        }
        svg.finish()
    }
}

struct CellAt<'c> {
    x: f64,
    y: f64,
    holder: &'c str,
    target: &'c str,
}

/// A cell: its background (with the counts by kind as tooltip), its total,
/// and a bar per kind in the kind's fixed slot.
fn draw_cell(
    svg: &mut Svg,
    p: &Plotted<'_>,
    kinds: &BTreeMap<StanceKind, Vec<&Item<'_>>>,
    cell: &CellAt<'_>,
    max: usize,
) {
    let total: usize = kinds.values().map(Vec::len).sum();
    let counts: Vec<String> = kinds
        .iter()
        .map(|(k, l)| format!("{} {}", l.len(), k.as_str()))
        .collect();
    let title = format!(
        "{} → {}: {total} stances ({})",
        cell.holder,
        cell.target,
        counts.join(", ")
    );
    svg.titled(
        "rect",
        &[
            ("class", "cell".into()),
            ("x", (cell.x + 1.0).into()),
            ("y", (cell.y + 1.0).into()),
            ("width", (CELL_W - 2.0).into()),
            ("height", (CELL_H - 2.0).into()),
        ],
        &title,
    );
    svg.text(
        &[
            ("class", "count".into()),
            ("x", (cell.x + CELL_W / 2.0).into()),
            ("y", (cell.y + 11.0).into()),
        ],
        &total.to_string(),
    );
    let base = cell.y + CELL_H - 4.0;
    let left = cell.x + (CELL_W - BAR_PITCH * StanceKind::ALL.len() as f64) / 2.0 + 0.5;
    for (slot, kind) in StanceKind::ALL.into_iter().enumerate() {
        let Some(list) = kinds.get(&kind) else {
            continue;
        };
        let h = (BAR_MAX * (list.len() as f64 / max.max(1) as f64).sqrt()).max(2.0);
        let mut title = format!(
            "{} → {}: {} {}",
            cell.holder,
            cell.target,
            list.len(),
            kind.as_str()
        );
        for item in list.iter().take(EXAMPLES) {
            title.push('\n');
            title.push_str(&p.example(item));
        }
        if list.len() > EXAMPLES {
            title.push_str(&format!("\n… and {} more", list.len() - EXAMPLES));
        }
        let class = format!("mark bar {}", kind.as_str());
        let count = list.len().to_string();
        svg.titled(
            "rect",
            &[
                ("class", class.as_str().into()),
                ("data-count", count.as_str().into()),
                ("x", (left + slot as f64 * BAR_PITCH).into()),
                ("y", (base - h).into()),
                ("width", BAR_W.into()),
                ("height", h.into()),
            ],
            &title,
        );
    }
}

/// Where everything goes.
struct Frame {
    title: String,
    subtitle: String,
    legend: Vec<(Swatch, String)>,
    width: f64,
    height: f64,
    label_w: f64,
    header_h: f64,
    legend_y: f64,
    grid_x: f64,
    grid_y: f64,
    rows: usize,
    cols: usize,
}

impl Frame {
    fn new(
        chart: &DyadChart,
        rows: &Groups,
        cols: &Groups,
        held: &[&Item<'_>],
        negated: usize,
    ) -> Frame {
        let title = chart
            .title
            .clone()
            .unwrap_or_else(|| "Who takes which stance toward whom".to_owned());
        let by = match chart.by {
            By::Side => "side",
            By::Actor => "actor",
        };
        let mut subtitle = format!(
            "{} stance{} · {} holder{} × {} target{} by {by}",
            held.len(),
            plural(held.len()),
            rows.len(),
            plural(rows.len()),
            cols.len(),
            plural(cols.len()),
        );
        if negated > 0 {
            subtitle.push_str(&format!(
                " · {negated} negated stance{} left out",
                plural(negated)
            ));
        }
        let mut legend = style::kind_entries(held.iter().map(|i| i.stance.kind));
        legend.push((
            Swatch::Bars,
            "bar height grows with √count; cell total above".to_owned(),
        ));
        let label_w = rows
            .list
            .iter()
            .map(|g| text_width(&g.label, FONT))
            .chain([text_width("holder ↓ / target →", FONT)])
            .fold(40.0, f64::max)
            .min(MAX_LABEL_W);
        let header_w = cols
            .list
            .iter()
            .map(|g| text_width(&g.label, FONT))
            .chain([text_width("total", FONT)])
            .fold(0.0, f64::max)
            .min(MAX_HEADER_W);
        // Column labels run up and to the right at 45°.
        let header_h = (header_w * std::f64::consts::FRAC_1_SQRT_2 + 14.0).ceil();
        let grid_x = MARGIN + label_w + 10.0;
        let grid_right = grid_x + cols.len() as f64 * CELL_W + TOTAL_W;
        let width = [
            grid_right + header_h + MARGIN - TOTAL_W / 2.0,
            MARGIN * 2.0 + text_width(&subtitle, FONT),
            MARGIN * 2.0 + text_width(&title, 15.0),
            MARGIN * 2.0 + style::legend_min_width(&legend),
            420.0,
        ]
        .into_iter()
        .fold(0.0, f64::max)
        .ceil();
        let (_, legend_h) = style::legend_layout(&legend, width - 2.0 * MARGIN);
        let legend_y = 52.0;
        let grid_y = legend_y + legend_h + 10.0 + header_h;
        let height = (grid_y + rows.len().max(1) as f64 * CELL_H + TOTAL_H + MARGIN).ceil();
        Frame {
            title,
            subtitle,
            legend,
            width,
            height,
            label_w,
            header_h,
            legend_y,
            grid_x,
            grid_y,
            rows: rows.len(),
            cols: cols.len(),
        }
    }

    fn draw_header(&self, svg: &mut Svg) {
        svg.text(
            &[
                ("class", "head".into()),
                ("x", MARGIN.into()),
                ("y", 26.0.into()),
            ],
            &self.title,
        );
        svg.text(
            &[
                ("class", "sub".into()),
                ("x", MARGIN.into()),
                ("y", 43.0.into()),
            ],
            &self.subtitle,
        );
        style::draw_legend(
            svg,
            &self.legend,
            MARGIN,
            self.legend_y,
            self.width - 2.0 * MARGIN,
        );
    }

    /// A light stripe under every other row, for reading across.
    fn draw_stripes(&self, svg: &mut Svg) {
        let right = self.grid_x + self.cols as f64 * CELL_W + TOTAL_W;
        for r in (1..self.rows).step_by(2) {
            svg.empty(
                "rect",
                &[
                    ("class", "stripe".into()),
                    ("x", MARGIN.into()),
                    ("y", (self.grid_y + r as f64 * CELL_H).into()),
                    ("width", (right - MARGIN).into()),
                    ("height", CELL_H.into()),
                ],
            );
        }
    }

    /// Row labels at the left, column labels at 45° over the grid.
    fn draw_labels(&self, svg: &mut Svg, rows: &Groups, cols: &Groups) {
        svg.open("g", &[("class", "labels".into())]);
        for (i, row) in rows.list.iter().enumerate() {
            let y = self.grid_y + i as f64 * CELL_H + CELL_H / 2.0 + 4.0;
            svg.titled_text(
                &[
                    ("class", "label end".into()),
                    ("x", (self.grid_x - 8.0).into()),
                    ("y", y.into()),
                ],
                &row.tooltip,
                &fit(&row.label, FONT, self.label_w),
            );
        }
        let header_w = (self.header_h - 14.0) / std::f64::consts::FRAC_1_SQRT_2;
        let column = |i: usize| self.grid_x + i as f64 * CELL_W + CELL_W / 2.0 - 3.0;
        for (i, col) in cols.list.iter().enumerate() {
            self.column_label(
                svg,
                column(i),
                &col.tooltip,
                &fit(&col.label, FONT, header_w),
            );
        }
        self.column_label(svg, column(self.cols), "stances per holder", "total");
        let y = self.grid_y - 6.0;
        let x = self.grid_x - 8.0;
        svg.text(
            &[
                ("class", "sub end".into()),
                ("x", x.into()),
                ("y", y.into()),
            ],
            "holder ↓ / target →",
        );
        svg.close("g");
    }

    fn column_label(&self, svg: &mut Svg, x: f64, tooltip: &str, label: &str) {
        let y = self.grid_y - 6.0;
        let transform = format!("rotate(-45 {} {})", super::svg::num(x), super::svg::num(y));
        svg.titled_text(
            &[
                ("class", "label".into()),
                ("x", x.into()),
                ("y", y.into()),
                ("transform", transform.as_str().into()),
            ],
            tooltip,
            label,
        );
    }

    /// Row totals at the right, column totals under the grid, the grand
    /// total in the corner.
    fn draw_totals(&self, svg: &mut Svg, rows: &Groups, cols: &Groups, total: usize) {
        svg.open("g", &[("class", "totals".into())]);
        let right = self.grid_x + self.cols as f64 * CELL_W + TOTAL_W / 2.0;
        for (i, row) in rows.list.iter().enumerate() {
            let y = self.grid_y + i as f64 * CELL_H + CELL_H / 2.0 + 4.0;
            svg.text(
                &[
                    ("class", "total".into()),
                    ("x", right.into()),
                    ("y", y.into()),
                ],
                &row.count.to_string(),
            );
        }
        let bottom = self.grid_y + self.rows.max(1) as f64 * CELL_H + 16.0;
        for (i, col) in cols.list.iter().enumerate() {
            let x = self.grid_x + i as f64 * CELL_W + CELL_W / 2.0;
            svg.text(
                &[
                    ("class", "total".into()),
                    ("x", x.into()),
                    ("y", bottom.into()),
                ],
                &col.count.to_string(),
            );
        }
        svg.text(
            &[
                ("class", "label end".into()),
                ("x", (self.grid_x - 8.0).into()),
                ("y", bottom.into()),
            ],
            "total",
        );
        svg.text(
            &[
                ("class", "total".into()),
                ("x", right.into()),
                ("y", bottom.into()),
            ],
            &total.to_string(),
        );
        svg.close("g");
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
