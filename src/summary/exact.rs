//! Sums of percents and points that do not depend on the order of the terms: the exact
//! sum, kept as non-overlapping partials (Shewchuk's algorithm, as Python's
//! `math.fsum`), rounded once when read. Summary folds reports on several workers in
//! whatever order they come, and the team store sums in SQL: both give the same bits.

/// A running exact sum of finite `f64` terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExactSum {
    /// Non-overlapping partials, smallest magnitude first; their sum is exact.
    partials: Vec<f64>,
}

impl ExactSum {
    pub fn add(&mut self, x: f64) {
        if !x.is_finite() {
            return;
        }
        let mut x = x;
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        self.partials.push(x);
    }

    /// Adds every term of another sum: still exact.
    pub fn merge(&mut self, other: &ExactSum) {
        for &p in &other.partials {
            self.add(p);
        }
    }

    /// The exact sum, correctly rounded to the nearest `f64` (ties to even).
    pub fn value(&self) -> f64 {
        let p = &self.partials;
        let Some(mut n) = p.len().checked_sub(1) else {
            return 0.0;
        };
        let mut hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Half-way cases: round as if the partials below made the tie unequal.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
        hi
    }
}

/// The exact decimal value of a finite `f64` (every one has a finite expansion), for a
/// `numeric` column whose SQL `sum` is then exact too. `None` for NaN and infinities.
pub fn exact_decimal(x: f64) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mut mantissa, mut exp) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    };
    if mantissa == 0 {
        return Some("0".to_owned());
    }
    let zeros = mantissa.trailing_zeros().min(exp.unsigned_abs());
    if exp < 0 {
        mantissa >>= zeros;
        exp += zeros as i32;
    }
    // Little-endian limbs of 10^9.
    const BASE: u64 = 1_000_000_000;
    let mut limbs = vec![
        mantissa % BASE,
        mantissa / BASE % BASE,
        mantissa / BASE / BASE,
    ];
    let multiply = |limbs: &mut Vec<u64>, by: u64| {
        let mut carry = 0;
        for limb in limbs.iter_mut() {
            let v = *limb * by + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    };
    // m·2^e: for e < 0 that is m·5^k / 10^k with k = −e.
    let scale = if exp >= 0 {
        for _ in 0..exp {
            multiply(&mut limbs, 2);
        }
        0
    } else {
        for _ in 0..-exp {
            multiply(&mut limbs, 5);
        }
        exp.unsigned_abs() as usize
    };
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut digits = limbs.last().map(u64::to_string).unwrap_or_default();
    for limb in limbs.iter().rev().skip(1) {
        digits.push_str(&format!("{limb:09}"));
    }
    if digits.len() <= scale {
        digits = "0".repeat(scale - digits.len() + 1) + &digits;
    }
    let point = digits.len() - scale;
    let mut text = String::with_capacity(digits.len() + 2);
    if negative {
        text.push('-');
    }
    text.push_str(&digits[..point]);
    if scale > 0 {
        text.push('.');
        text.push_str(&digits[point..]);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(terms: &[f64]) -> f64 {
        let mut s = ExactSum::default();
        terms.iter().for_each(|&t| s.add(t));
        s.value()
    }

    #[test]
    fn the_order_of_the_terms_does_not_change_the_sum() {
        let terms = [73.3, 0.1, 0.2, 99.99, 12.345, 1e-3, 66.7, 50.05];
        let forward = sum(&terms);
        let mut reversed = terms;
        reversed.reverse();
        assert_eq!(sum(&reversed).to_bits(), forward.to_bits());
        let (a, b) = terms.split_at(3);
        let mut left = ExactSum::default();
        a.iter().for_each(|&t| left.add(t));
        let mut right = ExactSum::default();
        b.iter().for_each(|&t| right.add(t));
        right.merge(&left);
        assert_eq!(right.value().to_bits(), forward.to_bits());
        // Plain addition does depend on the order here.
        assert_ne!(0.1 + 0.2 + 0.3, 0.3 + 0.2 + 0.1);
        assert_eq!(sum(&[0.1, 0.2, 0.3]), sum(&[0.3, 0.2, 0.1]));
        assert_eq!(sum(&[1e100, 1.0, -1e100]), 1.0);
        assert_eq!(sum(&[]), 0.0);
    }

    #[test]
    fn the_exact_decimal_reads_back_as_the_same_bits() {
        for x in [
            0.0, 1.0, 0.1, 73.3, 100.0, 18.75, 1e-300, 5e-324, 1e300, -2.5,
        ] {
            let text = exact_decimal(x).unwrap();
            assert_eq!(
                text.parse::<f64>().unwrap().to_bits(),
                x.to_bits(),
                "{text}"
            );
        }
        assert_eq!(exact_decimal(0.5).unwrap(), "0.5");
        assert_eq!(exact_decimal(75.0).unwrap(), "75");
        assert_eq!(
            exact_decimal(0.1).unwrap(),
            "0.1000000000000000055511151231257827021181583404541015625"
        );
        assert_eq!(exact_decimal(f64::NAN), None);
    }
}
