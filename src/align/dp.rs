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
    let mut offset = Vec::with_capacity(n + 2);
    let mut total = 0usize;
    for i in 0..=n {
        offset.push(total);
        total += band.hi[i] + 1 - band.lo[i].min(band.hi[i] + 1);
    }
    let mut best = vec![f64::INFINITY; total];
    let mut back = vec![u8::MAX; total];
    let at = |i: usize, j: usize| -> Option<usize> {
        if j >= band.lo[i] && j <= band.hi[i] {
            Some(offset[i] + j - band.lo[i])
        } else {
            None
        }
    };
    if let Some(c) = at(0, 0) {
        best[c] = 0.0;
    }
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let Some(here) = at(i, j) else { continue };
            if i == 0 && j == 0 {
                continue;
            }
            let mut b = f64::INFINITY;
            let mut k_best = u8::MAX;
            for (k, &(a, e)) in shapes.iter().enumerate() {
                if a > i || e > j {
                    continue;
                }
                let Some(prev) = at(i - a, j - e) else {
                    continue;
                };
                let p = best[prev];
                if !p.is_finite() {
                    continue;
                }
                let c = p + f64::from(cost(i, j, a, e, (b - p) as f32));
                if c < b {
                    b = c;
                    k_best = k as u8;
                }
            }
            best[here] = b;
            back[here] = k_best;
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    let Some(end) = at(n, m) else { return steps };
    if !best[end].is_finite() {
        return steps;
    }
    while i > 0 || j > 0 {
        let Some(here) = at(i, j) else { break };
        let k = back[here];
        if k == u8::MAX {
            break;
        }
        let (a, e) = shapes[k as usize];
        let prev = at(i - a, j - e).map_or(0.0, |p| best[p]);
        steps.push(Step {
            z0: i - a,
            z1: i,
            e0: j - e,
            e1: j,
            cost: (best[here] - prev) as f32,
        });
        i -= a;
        j -= e;
    }
    steps.reverse();
    steps
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
