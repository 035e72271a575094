//! Dynamic programming over beads inside a band, and the coarse-to-fine search that finds
//! the band (Vecalign's scheme: halve both sequences until the table is small, align there
//! with 1-1/1-0/0-1 beads, project the path to the finer level and search only near it).
//! Time and memory grow linearly with document length.

use super::cost::DIM;
use std::ops::Range;

/// For each row `i` in `0..=n`, the columns `lo[i]..=hi[i]` the search may visit.
#[derive(Debug, Clone)]
pub struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
}

impl Band {
    /// The whole table.
    pub fn full(n: usize, m: usize) -> Band {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }

    /// A band of half-width `w` around a monotone path of lattice points from (0,0) to (n,m).
    pub fn around(path: &[(usize, usize)], n: usize, m: usize, w: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        let mut mark = |i: usize, j0: usize, j1: usize| {
            let i = i.min(n);
            lo[i] = lo[i].min(j0.min(m));
            hi[i] = hi[i].max(j1.min(m));
        };
        for pair in path.windows(2) {
            let (i0, j0) = pair[0];
            let (i1, j1) = pair[1];
            for i in i0..=i1 {
                mark(i, j0, j1);
            }
        }
        if let Some(&(i, j)) = path.first() {
            mark(i, j, j);
        }
        mark(0, 0, 0);
        mark(n, m, m);
        // Rows the path skipped inherit their neighbours' ranges.
        for i in 1..=n {
            if lo[i] == usize::MAX {
                lo[i] = lo[i - 1];
                hi[i] = hi[i - 1];
            }
        }
        let mut out = Band {
            lo: vec![0; n + 1],
            hi: vec![0; n + 1],
        };
        for i in 0..=n {
            let a = i.saturating_sub(w);
            let b = (i + w).min(n);
            let l = (a..=b).map(|k| lo[k]).min().unwrap_or(0);
            let h = (a..=b).map(|k| hi[k]).max().unwrap_or(m);
            out.lo[i] = l.saturating_sub(w);
            out.hi[i] = (h + w).min(m);
        }
        out
    }

    /// The part of the band inside the window of rows `zh` and columns `en`, in the window's
    /// own coordinates (row `zh.start` becomes row 0). A row the band misses there is left
    /// empty (`lo` past `hi`).
    pub fn window(&self, zh: Range<usize>, en: Range<usize>) -> Band {
        let mut out = Band {
            lo: Vec::with_capacity(zh.len() + 1),
            hi: Vec::with_capacity(zh.len() + 1),
        };
        for i in zh.start..=zh.end {
            let (lo, hi) = (self.lo[i].max(en.start), self.hi[i].min(en.end));
            if lo > hi {
                out.lo.push(1);
                out.hi.push(0);
            } else {
                out.lo.push(lo - en.start);
                out.hi.push(hi - en.start);
            }
        }
        out
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.lo
            .iter()
            .zip(&self.hi)
            .map(|(l, h)| (h + 1).saturating_sub(*l))
            .sum()
    }
}

/// A bead found by the search: Chinese `z0..z1`, English `e0..e1`, and its cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub z0: usize,
    pub z1: usize,
    pub e0: usize,
    pub e1: usize,
    pub cost: f32,
}

/// Minimum-cost path from (0,0) to (n,m) through beads of the given shapes `(a, b)`,
/// visiting only cells in `band`. `cost(i, j, a, b)` is the cost of the bead ending at
/// (i, j) with `a` Chinese and `b` English segments. Ties break towards the earlier shape
/// in `shapes`, so the result is deterministic. `cost` also gets the limit above which the
/// bead cannot improve on the best found so far for its end (the best total minus the
/// total at the bead's start; infinite for the first shape): when it can tell cheaply
/// that the cost is above it, it may return any value above the limit instead (a lower
/// bound), and the bead is dropped as it would have been. Totals add up in f64: long
/// documents sum hundreds of thousands of costs.
pub fn search(
    n: usize,
    m: usize,
    band: &Band,
    shapes: &[(usize, usize)],
    cost: &mut dyn FnMut(usize, usize, usize, usize, f32) -> f32,
) -> Vec<Step> {
    let table = Table::fill(band, shapes, (0, 0), n, cost);
    table.steps_to((n, m)).unwrap_or_default()
}

/// The best paths from one lattice point `start` to every cell of the band in rows
/// `start.0 ..= last` (columns from `start.1` on): [`search`]'s table, for the whole band
/// or for one stretch of it ([`search_stitched`]).
struct Table<'s> {
    start: (usize, usize),
    /// Per row from `start.0`: the first column held and where the row starts in `best`.
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    /// The cost of the best path from `start` to each cell (infinite: none), and the index
    /// in `shapes` of its last bead (`u8::MAX`: none).
    best: Vec<f64>,
    back: Vec<u8>,
    shapes: &'s [(usize, usize)],
}

impl<'s> Table<'s> {
    /// Fills the table of the band's rows `start.0 ..= last`, every cell in row order and
    /// each row left to right, as [`search`] describes.
    fn fill(
        band: &Band,
        shapes: &'s [(usize, usize)],
        start: (usize, usize),
        last: usize,
        cost: &mut dyn FnMut(usize, usize, usize, usize, f32) -> f32,
    ) -> Table<'s> {
        let rows = last + 1 - start.0;
        let mut t = Table {
            start,
            lo: Vec::with_capacity(rows),
            hi: Vec::with_capacity(rows),
            offset: Vec::with_capacity(rows),
            best: Vec::new(),
            back: Vec::new(),
            shapes,
        };
        let mut total = 0usize;
        for i in start.0..=last {
            // Cells left of the start are out of reach of any path from it.
            let (lo, hi) = (band.lo[i].max(start.1), band.hi[i]);
            t.lo.push(lo);
            t.hi.push(hi);
            t.offset.push(total);
            total += (hi + 1).saturating_sub(lo);
        }
        t.best = vec![f64::INFINITY; total];
        t.back = vec![u8::MAX; total];
        let Some(c) = t.at(start.0, start.1) else {
            return t;
        };
        t.best[c] = 0.0;
        // The rows a bead can start in (`a` rows up, for each `a` of the shapes): their
        // first and last columns and where they start in `best`, looked up once per row
        // instead of once per cell and shape (an empty range for rows before the table's).
        let most = shapes.iter().map(|s| s.0).max().unwrap_or(0);
        let mut up = vec![(1usize, 0usize, 0usize); most + 1];
        for i in start.0..=last {
            let r = i - start.0;
            for (a, row) in up.iter_mut().enumerate() {
                *row = match r.checked_sub(a) {
                    Some(q) => (t.lo[q], t.hi[q], t.offset[q]),
                    None => (1, 0, 0),
                };
            }
            for j in t.lo[r]..=t.hi[r] {
                if (i, j) == start {
                    continue;
                }
                let here = t.offset[r] + j - t.lo[r];
                let mut b = f64::INFINITY;
                let mut k_best = u8::MAX;
                for (k, &(a, e)) in shapes.iter().enumerate() {
                    if e > j {
                        continue;
                    }
                    // The bead's start, (i - a, j - e), when the table holds it.
                    let (lo, hi, offset) = up[a];
                    let from = j - e;
                    if from < lo || from > hi {
                        continue;
                    }
                    let prev = offset + from - lo;
                    let p = t.best[prev];
                    if !p.is_finite() {
                        continue;
                    }
                    let c = p + f64::from(cost(i, j, a, e, (b - p) as f32));
                    if c < b {
                        b = c;
                        k_best = k as u8;
                    }
                }
                t.best[here] = b;
                t.back[here] = k_best;
            }
        }
        t
    }

    /// The last row held.
    fn last(&self) -> usize {
        self.start.0 + self.lo.len() - 1
    }

    /// Where cell (i, j) is in `best` and `back`, if the table holds it.
    fn at(&self, i: usize, j: usize) -> Option<usize> {
        let r = i.checked_sub(self.start.0)?;
        let (lo, hi) = (*self.lo.get(r)?, self.hi[r]);
        (j >= lo && j <= hi).then(|| self.offset[r] + j - lo)
    }

    /// The cell at index `c` of `best`.
    fn cell(&self, c: usize) -> (usize, usize) {
        let r = self.offset.partition_point(|&o| o <= c) - 1;
        (self.start.0 + r, self.lo[r] + c - self.offset[r])
    }

    /// The cell before (i, j) on its best path (the start of its last bead).
    fn prev(&self, c: usize) -> Option<(usize, usize)> {
        let k = self.back[c];
        if k == u8::MAX {
            return None;
        }
        let (i, j) = self.cell(c);
        let (a, e) = self.shapes[k as usize];
        Some((i - a, j - e))
    }

    /// The beads of the best path from the start to `end`; `None` when there is none.
    fn steps_to(&self, end: (usize, usize)) -> Option<Vec<Step>> {
        self.steps(self.start, end)
    }

    /// The beads of the best path from the start to `to`, from where it passes through
    /// `from` on; `None` when there is no path to `to` or it misses `from`.
    fn steps(&self, from: (usize, usize), to: (usize, usize)) -> Option<Vec<Step>> {
        let here = self.at(to.0, to.1)?;
        if !self.best[here].is_finite() {
            return None;
        }
        let mut steps = Vec::new();
        let (mut i, mut j) = to;
        while (i, j) != from {
            let here = self.at(i, j)?;
            let k = self.back[here];
            if k == u8::MAX {
                return None;
            }
            let (a, e) = self.shapes[k as usize];
            let prev = self.at(i - a, j - e).map_or(0.0, |p| self.best[p]);
            steps.push(Step {
                z0: i - a,
                z1: i,
                e0: j - e,
                e1: j,
                cost: (self.best[here] - prev) as f32,
            });
            i -= a;
            j -= e;
        }
        steps.reverse();
        Some(steps)
    }

    /// The last cell that the best paths to every reachable cell of the table's last
    /// `rows` rows all pass through (the start at worst); `None` when none of them is
    /// reachable.
    fn meeting_point(&self, rows: usize) -> Option<(usize, usize)> {
        let first = self.lo.len().saturating_sub(rows);
        let mut heads: std::collections::BTreeSet<usize> = (self.offset[first]..self.best.len())
            .filter(|&c| self.best[c].is_finite())
            .collect();
        // A bead's start comes before its end in the table's order (row by row, left to
        // right): taking the last head back one bead at a time merges the paths.
        while heads.len() > 1 {
            let c = heads.pop_last()?;
            let (i, j) = self.prev(c)?;
            heads.insert(self.at(i, j)?);
        }
        heads.pop_last().map(|c| self.cell(c))
    }

    /// Where the table's path that the whole best path follows ends: (n, m) in a table
    /// that reaches row n, else the meeting point of its last `rows` rows (any path that
    /// leaves the table's rows last touches one of them when a bead spans at most `rows`
    /// rows, so the best path leaves through a cell whose best path passes through it).
    /// `None` when no such cell is reachable.
    fn end(&self, n: usize, m: usize, rows: usize) -> Option<(usize, usize)> {
        if self.last() == n {
            let c = self.at(n, m)?;
            self.best[c].is_finite().then_some((n, m))
        } else {
            self.meeting_point(rows)
        }
    }

    /// The cells of the best path to `to`, last first, back to the first at or past
    /// `floor` (in the table's order).
    fn path_back(&self, to: (usize, usize), floor: (usize, usize)) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut at = Some(to);
        while let Some(p) = at.filter(|&p| p >= floor) {
            out.push(p);
            at = self.at(p.0, p.1).and_then(|c| self.prev(c));
        }
        out
    }
}

/// Below this many rows a search is not cut into stretches ([`search_stitched`]).
pub const STRETCH_ROWS: usize = 1024;

/// Rows a stretch's table reaches past the next stretch's start, so that its best path has
/// met the next table's before it ends.
const STRETCH_OVERLAP: usize = 48;

/// [`search`]'s path (with the same shapes, band and cost), found by cutting the band into
/// stretches of about `rows` rows searched independently, in parallel (rayon).
///
/// Each stretch's table starts at a lattice point of `guide` (the path the band was built
/// around: the coarse path, or the previous pass's beads) and reaches [`STRETCH_OVERLAP`]
/// rows into the next stretch. The tables are joined from the first, which starts at
/// (0, 0), keeping one point `from` known to lie on the whole best path and the table's
/// path through it, up to the table's end point ([`Table::end`]): the best path leaves the
/// table's rows through a cell whose best path runs through that end point, so the whole
/// best path follows the table's path from `from` to there. When that path and the next
/// table's path to its own end point share a cell `q`, the whole best path follows the
/// next table's path from `q` on: its best path from its own start to any cell after `q`
/// on it is made of the best path from `q` (the same costs, compared in the same order,
/// as the whole search compares them). When they share none, the next stretch is searched
/// again from the current end point (a point on the whole best path). So the result is
/// [`search`]'s, whatever the number of threads (totals start at 0 in each table, which
/// could only tell apart two paths whose costs tie to within the rounding of an f64 sum);
/// the cuts depend on `rows` and `guide` only.
pub fn search_stitched(
    n: usize,
    m: usize,
    band: &Band,
    shapes: &[(usize, usize)],
    guide: &[(usize, usize)],
    rows: usize,
    cost: &(dyn Fn(usize, usize, usize, usize, f32) -> f32 + Sync),
) -> Vec<Step> {
    use rayon::prelude::*;
    let starts = stretch_starts(n, m, band, guide, rows.max(1));
    if starts.len() == 1 {
        return search(n, m, band, shapes, &mut |i, j, a, b, l| cost(i, j, a, b, l));
    }
    let span = shapes.iter().map(|s| s.0).max().unwrap_or(1).max(1);
    let overlap = STRETCH_OVERLAP.max(8 * span);
    let last_row = |k: usize| starts.get(k + 1).map_or(n, |s| (s.0 + overlap).min(n));
    let fill = |start: (usize, usize), last: usize| {
        let mut c = |i, j, a, b, l| cost(i, j, a, b, l);
        Table::fill(band, shapes, start, last, &mut c)
    };
    let tables: Vec<(Table, Option<(usize, usize)>)> = (0..starts.len())
        .into_par_iter()
        .map(|k| {
            let t = fill(starts[k], last_row(k));
            let end = t.end(n, m, span);
            (t, end)
        })
        .collect();
    let mut steps = Vec::new();
    let mut tables = tables.into_iter();
    let Some((mut table, Some(mut to))) = tables.next() else {
        return Vec::new();
    };
    let mut from = (0, 0);
    for (next, next_to) in tables {
        let q = next_to.and_then(|t| {
            let ours = table.path_back(to, from.max(next.start));
            let theirs = next.path_back(t, from.max(next.start));
            // Both lists run back along a monotone path, in the tables' order: the first
            // cell of ours that theirs holds is the last they share.
            ours.into_iter()
                .find(|p| theirs.binary_search_by(|x| p.cmp(x)).is_ok())
                .map(|q| (q, t))
        });
        match q {
            Some((q, t)) => {
                let Some(part) = table.steps(from, q) else {
                    return Vec::new();
                };
                steps.extend(part);
                (table, from, to) = (next, q, t);
            }
            None => {
                // The paths do not meet: search the next stretch again from this table's
                // end point, which is on the best path.
                let Some(part) = table.steps(from, to) else {
                    return Vec::new();
                };
                steps.extend(part);
                from = to;
                table = fill(to, next.last());
                match table.end(n, m, span) {
                    Some(t) => to = t,
                    None => return Vec::new(),
                }
            }
        }
    }
    match table.steps(from, to) {
        Some(part) if to == (n, m) => {
            steps.extend(part);
            steps
        }
        _ => Vec::new(),
    }
}

/// Where the stretches of [`search_stitched`] start: (0, 0), then every `rows` rows or so
/// the point of `guide` nearest that row, inside the band, past the previous start on both
/// sides and not at the last row.
fn stretch_starts(
    n: usize,
    m: usize,
    band: &Band,
    guide: &[(usize, usize)],
    rows: usize,
) -> Vec<(usize, usize)> {
    let mut starts = vec![(0, 0)];
    if n < 2 * rows {
        return starts;
    }
    let inside = |&(i, j): &(usize, usize)| i < n && j < m && band.lo[i] <= j && j <= band.hi[i];
    let mut g = 0;
    let mut target = rows;
    while target + rows / 2 <= n {
        let prev = *starts.last().unwrap_or(&(0, 0));
        // The guide's points are in path order: move to the first at or past the target row.
        while g < guide.len() && guide[g].0 < target {
            g += 1;
        }
        let pick = [g.checked_sub(1), Some(g)]
            .into_iter()
            .flatten()
            .filter_map(|k| guide.get(k).copied())
            .filter(|p| inside(p) && p.0 > prev.0 && p.1 > prev.1)
            .min_by_key(|p| p.0.abs_diff(target));
        if let Some(p) = pick {
            starts.push(p);
        }
        target += rows;
    }
    starts
}

/// The lattice points a path of steps visits, starting at (0,0).
pub fn points(steps: &[Step]) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0)];
    out.extend(steps.iter().map(|s| (s.z1, s.e1)));
    out
}

/// Cells in the coarsest table searched in full.
pub const FULL_CELLS: usize = 160 * 160;

/// Half-width of the band at each finer level of the coarse search.
const COARSE_WIDTH: usize = 4;

fn dot(a: &[f32; DIM], b: &[f32; DIM]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(v: &mut [f32; DIM]) {
    let n = dot(v, v).sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

pub fn halve(v: &[[f32; DIM]], len: &[f32]) -> (Vec<[f32; DIM]>, Vec<f32>) {
    let mut vs = Vec::with_capacity(v.len().div_ceil(2));
    let mut ls = Vec::with_capacity(v.len().div_ceil(2));
    for (c, l) in v.chunks(2).zip(len.chunks(2)) {
        let mut s = c[0];
        if let Some(x) = c.get(1) {
            s.iter_mut().zip(x).for_each(|(a, b)| *a += b);
        }
        vs.push(s);
        ls.push(l.iter().sum());
    }
    (vs, ls)
}

/// An approximate path through the whole table from hashed bag-of-glosses vectors and
/// lengths (Chinese lengths already scaled to English), found coarse to fine. `skip` is the
/// cost of an unaligned unit. Returns lattice points at full resolution.
pub fn coarse_path(
    mut zv: Vec<[f32; DIM]>,
    mut ev: Vec<[f32; DIM]>,
    zl: &[f32],
    el: &[f32],
    skip: f32,
) -> Vec<(usize, usize)> {
    let (n, m) = (zv.len(), ev.len());
    let band = if (n + 1) * (m + 1) <= FULL_CELLS || n < 4 || m < 4 {
        Band::full(n, m)
    } else {
        let (hz, hzl) = halve(&zv, zl);
        let (he, hel) = halve(&ev, el);
        let coarse = coarse_path(hz, he, &hzl, &hel, skip);
        let projected: Vec<(usize, usize)> = coarse
            .iter()
            .map(|&(i, j)| ((2 * i).min(n), (2 * j).min(m)))
            .collect();
        Band::around(&projected, n, m, COARSE_WIDTH)
    };
    // Normalised in place: the vectors are this level's own (halving above used them raw).
    zv.iter_mut().for_each(norm);
    ev.iter_mut().for_each(norm);
    // The cosine of a bead's summed vectors needs only dot products between its members
    // (|Z|² = Σ|z|² + 2 Σ z·z'), so each pair of the band is multiplied once, not once per
    // shape that covers it: the beads here hold at most two units a side.
    let dots = PairDots::new(&zv, &ev, &band);
    let sq = |v: &[f32; DIM]| dot(v, v);
    let zz: Vec<f32> = zv.windows(2).map(|w| dot(&w[0], &w[1])).collect();
    let ee: Vec<f32> = ev.windows(2).map(|w| dot(&w[0], &w[1])).collect();
    let zsq: Vec<f32> = zv.iter().map(sq).collect();
    let esq: Vec<f32> = ev.iter().map(sq).collect();
    drop((zv, ev));
    let shapes = [(1, 1), (1, 0), (0, 1), (1, 2), (2, 1)];
    let mut cost = |i: usize, j: usize, a: usize, b: usize, limit: f32| -> f32 {
        // Every cost here is at least 0: a limit below 0 cannot be met.
        if limit < 0.0 {
            return 0.0;
        }
        if a == 0 || b == 0 {
            return skip * (a + b) as f32;
        }
        let mut num = 0.0;
        for z in i - a..i {
            for e in j - b..j {
                num += dots.get(z, e);
            }
        }
        let nz = zsq[i - a..i].iter().sum::<f32>() + if a == 2 { 2.0 * zz[i - 2] } else { 0.0 };
        let ne = esq[j - b..j].iter().sum::<f32>() + if b == 2 { 2.0 * ee[j - 2] } else { 0.0 };
        let cos = if nz > 0.0 && ne > 0.0 {
            num / (nz.sqrt() * ne.sqrt())
        } else {
            0.0
        };
        let lz: f32 = zl[i - a..i].iter().sum();
        let le: f32 = el[j - b..j].iter().sum();
        let d = ((le + 8.0) / (lz + 8.0)).ln() / 0.5;
        let size = (a + b) as f32 / 2.0;
        size * ((1.0 - cos) + 0.3 * d * d) + 0.1 * (a + b - 2) as f32
    };
    points(&search(n, m, &band, &shapes, &mut cost))
}

/// Dot products of the (unit) vectors of every (Chinese, English) pair that a bead of at
/// most two units a side, ending inside the band, holds.
struct PairDots {
    start: Vec<usize>,
    offset: Vec<usize>,
    dots: Vec<f32>,
}

impl PairDots {
    fn new(zv: &[[f32; DIM]], ev: &[[f32; DIM]], band: &Band) -> PairDots {
        let (n, m) = (zv.len(), ev.len());
        let mut out = PairDots {
            start: Vec::with_capacity(n),
            offset: Vec::with_capacity(n + 1),
            dots: Vec::new(),
        };
        for (z, v) in zv.iter().enumerate() {
            // Beads holding unit z end in rows z+1 and z+2, at most two columns past it.
            let rows = z + 1..=(z + 2).min(n);
            let lo = rows.clone().map(|r| band.lo[r]).min().unwrap_or(0);
            let hi = rows.map(|r| band.hi[r]).max().unwrap_or(0).min(m);
            let s = lo.saturating_sub(2).min(hi);
            out.start.push(s);
            out.offset.push(out.dots.len());
            out.dots.extend(ev[s..hi].iter().map(|e| dot(v, e)));
        }
        out.offset.push(out.dots.len());
        out
    }

    fn get(&self, z: usize, e: usize) -> f32 {
        let s = self.start[z];
        let k = self.offset[z] + e.wrapping_sub(s);
        if e >= s && k < self.offset[z + 1] {
            self.dots[k]
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_band_finds_the_diagonal() {
        let n = 5;
        let band = Band::full(n, n);
        let shapes = [(1, 1), (1, 0), (0, 1), (1, 2), (2, 1)];
        let steps = search(n, n, &band, &shapes, &mut |i, j, a, b, _| {
            if a == 1 && b == 1 && i == j {
                0.0
            } else {
                1.0
            }
        });
        assert_eq!(steps.len(), n);
        assert!(steps.iter().all(|s| s.z1 - s.z0 == 1 && s.e1 - s.e0 == 1));
    }

    /// A cost favouring 1-1 beads near the line j = 1.2 i, with some noise (a hash of the
    /// bead), so that the best path wanders a little and has beads of several shapes.
    fn wobbly(i: usize, j: usize, a: usize, b: usize, _limit: f32) -> f32 {
        let h = (i as u64 * 1_000_003 + j as u64 * 7_919 + a as u64 * 131 + b as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let noise = (h >> 40) as f32 / (1u64 << 24) as f32;
        let off = (j as f32 - 1.2 * i as f32).abs() * 0.05;
        let shape = if a == 1 && b == 1 { 0.0 } else { 0.6 };
        off + shape + noise * (a + b) as f32
    }

    fn diagonal(n: usize, m: usize, shift: usize) -> Vec<(usize, usize)> {
        (0..=n).map(|i| (i, (i * m / n + shift).min(m))).collect()
    }

    #[test]
    fn stitched_search_finds_the_whole_search_path() {
        let (n, m) = (600, 720);
        let band = Band::around(&diagonal(n, m, 0), n, m, 8);
        let shapes = [
            (1, 1),
            (1, 0),
            (0, 1),
            (1, 2),
            (2, 1),
            (1, 3),
            (3, 1),
            (2, 2),
        ];
        let whole = search(n, m, &band, &shapes, &mut wobbly);
        assert!(whole.iter().any(|s| s.z1 - s.z0 != 1 || s.e1 - s.e0 != 1));
        // A guide on the path, one beside it (every start a wrong guess), and one so far
        // off that each stretch starts outside the band (and is left out).
        let on_path = points(&whole);
        for guide in [on_path, diagonal(n, m, 5), diagonal(n, m, 40)] {
            for rows in [50, 64, 200] {
                let stitched = search_stitched(n, m, &band, &shapes, &guide, rows, &wobbly);
                let ladder = |s: &[Step]| -> Vec<_> { s.iter().map(|s| (s.z1, s.e1)).collect() };
                assert_eq!(ladder(&stitched), ladder(&whole), "rows {rows}");
            }
        }
    }

    #[test]
    fn stretches_start_on_the_guide_inside_the_band() {
        let (n, m) = (600, 720);
        let band = Band::around(&diagonal(n, m, 0), n, m, 8);
        let guide = diagonal(n, m, 3);
        let starts = stretch_starts(n, m, &band, &guide, 100);
        assert_eq!(starts[0], (0, 0));
        assert_eq!(starts.len(), 6);
        for w in starts.windows(2) {
            assert!(w[1].0 > w[0].0 && w[1].1 > w[0].1);
            assert!(guide.contains(&w[1]));
        }
        // Short searches are not cut.
        assert_eq!(stretch_starts(150, 180, &band, &guide, 100), vec![(0, 0)]);
    }

    #[test]
    fn band_around_a_path_contains_it() {
        let path = vec![(0, 0), (2, 3), (4, 4), (10, 12)];
        let band = Band::around(&path, 10, 12, 1);
        for &(i, j) in &path {
            assert!(band.lo[i] <= j && j <= band.hi[i], "({i},{j})");
        }
        assert!(band.cells() < 11 * 13);
    }
}
