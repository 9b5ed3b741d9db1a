//! Colours, the stylesheet and the legend both charts share.

use super::svg::{Svg, text_width};
use crate::StanceKind;

/// The colour of a stance kind: the Okabe–Ito palette, which stays
/// distinguishable with the common forms of colour blindness.
pub(crate) fn color(kind: StanceKind) -> &'static str {
    match kind {
        StanceKind::Retaliation => "#D55E00",
        StanceKind::Condemnation => "#E69F00",
        StanceKind::Denial => "#CC79A7",
        StanceKind::Appeal => "#56B4E9",
        StanceKind::Negotiation => "#009E73",
        StanceKind::Support => "#0072B2",
    }
}

/// The stylesheet: one class per kind, the modalities, text styles.
pub(crate) fn stylesheet() -> String {
    let mut css = String::new();
    for kind in StanceKind::ALL {
        let c = color(kind);
        css.push_str(&format!(".{}{{fill:{c};stroke:{c}}}", kind.as_str()));
    }
    css.push_str(concat!(
        ".neutral{fill:#666;stroke:#666}",
        ".mark{stroke-width:1.2}",
        ".conditional,.negated circle{fill:#fff;stroke-width:1.5}",
        ".conditional{stroke-dasharray:2.2 1.3}",
        ".merged{stroke:#fff;stroke-width:0.6}",
        ".bar{stroke-width:0}",
        ".head{font-size:15px;font-weight:bold;fill:#111}",
        ".sub{fill:#555}",
        ".label{fill:#222}",
        ".axis{font-size:10px;fill:#444}",
        ".year{font-size:10px;font-weight:bold;fill:#222}",
        ".count{font-size:9px;fill:#333;text-anchor:middle}",
        ".total{font-size:10px;fill:#222;text-anchor:middle}",
        ".event line{stroke:#444;stroke-width:1;stroke-dasharray:3 2}",
        ".quiet line{stroke:#aaa}",
        ".event text{font-size:10px;fill:#222}",
        ".event path{fill:#444}",
        ".event .span{stroke:#999;stroke-width:1;fill:none}",
        ".grid{stroke:#e4e4e4;stroke-width:1;fill:none}",
        ".stripe{fill:#f4f6f8}",
        ".gap{fill:#eceff2}",
        ".gapmark{stroke:#888;stroke-width:1;fill:none}",
        ".strip{fill:#fafafa;stroke:#ccc}",
        ".cell{fill:#f7f7f7;stroke:#ddd}",
        ".end{text-anchor:end}",
        ".mid{text-anchor:middle}",
    ));
    css
}

/// What a legend entry shows.
#[derive(Clone, Copy)]
pub(crate) enum Swatch {
    /// A stance kind's colour.
    Kind(StanceKind),
    /// A filled mark: asserted or intended.
    Asserted,
    /// A hollow, dashed mark: conditional or hedged.
    Conditional,
    /// A hollow, struck-through mark: negated.
    Negated,
    /// A bar with a count: stances merged.
    Merged,
    /// A dashed vertical line: an event.
    Event,
    /// A shaded column with a break mark: empty periods left out.
    Gap,
    /// Bars of three heights: counts.
    Bars,
}

/// Legend entries for the stance kinds, each with how many stances it has.
pub(crate) fn kind_entries(kinds: impl Iterator<Item = StanceKind>) -> Vec<(Swatch, String)> {
    let mut counts = [0usize; StanceKind::ALL.len()];
    for kind in kinds {
        if let Some(i) = StanceKind::ALL.iter().position(|&k| k == kind) {
            counts[i] += 1;
        }
    }
    StanceKind::ALL
        .into_iter()
        .zip(counts)
        .map(|(k, n)| (Swatch::Kind(k), format!("{} ({n})", k.as_str())))
        .collect()
}

const SWATCH_W: f64 = 14.0;
const ROW_H: f64 = 17.0;
const LEGEND_FONT: f64 = 11.0;

/// Where each entry of a legend goes when it flows in rows `width` wide:
/// offsets from the legend's corner, and the legend's height.
pub(crate) fn legend_layout(entries: &[(Swatch, String)], width: f64) -> (Vec<(f64, f64)>, f64) {
    let mut at = Vec::with_capacity(entries.len());
    let (mut x, mut y) = (0.0, 0.0);
    for (_, label) in entries {
        let w = SWATCH_W + 4.0 + text_width(label, LEGEND_FONT) + 14.0;
        if x > 0.0 && x + w > width {
            x = 0.0;
            y += ROW_H;
        }
        at.push((x, y));
        x += w;
    }
    let height = if entries.is_empty() { 0.0 } else { y + ROW_H };
    (at, height)
}

/// The widest single entry of a legend.
pub(crate) fn legend_min_width(entries: &[(Swatch, String)]) -> f64 {
    entries
        .iter()
        .map(|(_, l)| SWATCH_W + 4.0 + text_width(l, LEGEND_FONT) + 14.0)
        .fold(0.0, f64::max)
}

/// Draws a legend with its top-left corner at `(x0, y0)`.
pub(crate) fn draw_legend(
    svg: &mut Svg,
    entries: &[(Swatch, String)],
    x0: f64,
    y0: f64,
    width: f64,
) {
    let (at, _) = legend_layout(entries, width);
    svg.open("g", &[("class", "legend".into())]);
    for ((swatch, label), (dx, dy)) in entries.iter().zip(at) {
        let (x, cy) = (x0 + dx, y0 + dy + ROW_H / 2.0);
        draw_swatch(svg, *swatch, x, cy);
        svg.text(
            &[
                ("class", "label".into()),
                ("x", (x + SWATCH_W + 4.0).into()),
                ("y", (cy + 4.0).into()),
            ],
            label,
        );
    }
    svg.close("g");
}

fn draw_swatch(svg: &mut Svg, swatch: Swatch, x: f64, cy: f64) {
    let cx = x + SWATCH_W / 2.0;
    let circle = |svg: &mut Svg, class: &str| {
        svg.empty(
            "circle",
            &[
                ("class", class.into()),
                ("cx", cx.into()),
                ("cy", cy.into()),
                ("r", 4.0.into()),
            ],
        );
    };
    match swatch {
        Swatch::Kind(kind) => {
            let class = format!("swatch {}", kind.as_str());
            svg.empty(
                "rect",
                &[
                    ("class", class.as_str().into()),
                    ("x", x.into()),
                    ("y", (cy - 5.0).into()),
                    ("width", SWATCH_W.into()),
                    ("height", 10.0.into()),
                ],
            );
        }
        Swatch::Asserted => circle(svg, "swatch neutral"),
        Swatch::Conditional => circle(svg, "swatch neutral conditional"),
        Swatch::Negated => {
            svg.open("g", &[("class", "swatch neutral negated".into())]);
            circle(svg, "");
            svg.empty("path", &[("d", strike(cx, cy, 4.0).as_str().into())]);
            svg.close("g");
        }
        Swatch::Merged => {
            for (i, kind) in [StanceKind::Retaliation, StanceKind::Appeal]
                .into_iter()
                .enumerate()
            {
                let class = format!("swatch merged {}", kind.as_str());
                svg.empty(
                    "rect",
                    &[
                        ("class", class.as_str().into()),
                        ("x", (x + 7.0 * i as f64).into()),
                        ("y", (cy - 4.0).into()),
                        ("width", 7.0.into()),
                        ("height", 8.0.into()),
                    ],
                );
            }
        }
        Swatch::Event => {
            svg.open("g", &[("class", "event".into())]);
            svg.empty(
                "line",
                &[
                    ("x1", cx.into()),
                    ("y1", (cy - 7.0).into()),
                    ("x2", cx.into()),
                    ("y2", (cy + 7.0).into()),
                ],
            );
            svg.close("g");
        }
        Swatch::Bars => {
            for (i, h) in [4.0, 7.0, 10.0].into_iter().enumerate() {
                svg.empty(
                    "rect",
                    &[
                        ("class", "swatch neutral".into()),
                        ("x", (x + 5.0 * i as f64).into()),
                        ("y", (cy + 5.0 - h).into()),
                        ("width", 4.0.into()),
                        ("height", h.into()),
                    ],
                );
            }
        }
        Swatch::Gap => {
            svg.empty(
                "rect",
                &[
                    ("class", "gap".into()),
                    ("x", x.into()),
                    ("y", (cy - 7.0).into()),
                    ("width", SWATCH_W.into()),
                    ("height", 14.0.into()),
                ],
            );
            svg.empty(
                "path",
                &[
                    ("class", "gapmark".into()),
                    ("d", zigzag(cx, cy - 4.0).as_str().into()),
                ],
            );
        }
    }
}

/// A stroke through a circle of radius `r`: the mark of a negated stance.
pub(crate) fn strike(cx: f64, cy: f64, r: f64) -> String {
    use super::svg::num;
    format!(
        "M{} {}L{} {}",
        num(cx - r),
        num(cy + r),
        num(cx + r),
        num(cy - r)
    )
}

/// A small zigzag centred on `cx`, starting at `y`: the mark of a break in
/// the time axis.
pub(crate) fn zigzag(cx: f64, y: f64) -> String {
    use super::svg::num;
    format!("M{} {}l3 2l-6 2l6 2l-6 2l3 2", num(cx), num(y))
}
