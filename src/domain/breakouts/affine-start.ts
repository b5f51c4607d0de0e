/**
 * A perfect start for Social-Golfer-shaped rounds, from finite-field geometry: when q rooms of
 * p people (q a prime or a power of two, p ≤ q) meet round after round, person (x, y) with
 * x in GF(q) and y < p sits in room x + w·y in round w. Two people then share a room in at most
 * one of the first q rounds, and one more round splits each row y into rooms when p divides q.
 * This is the classic transversal-design construction; the local search takes it from there
 * (later rounds, absences and every other goal). An arrangement, not a promise of optimality.
 */

// Irreducible polynomials for GF(2^k), bit k set.
const POLYNOMIALS = new Map([
  [4, 0b111],
  [8, 0b1011],
  [16, 0b10011],
  [32, 0b100101],
  [64, 0b1000011],
]);

const isPrime = (q: number): boolean => {
  if (q < 2) return false;
  for (let d = 2; d * d <= q; d++) if (q % d === 0) return false;
  return true;
};

/** Field addition and multiplication for GF(q), or null when q is not supported. */
function fieldOf(
  q: number,
): { add: (a: number, b: number) => number; mul: typeof Math.imul } | null {
  if (isPrime(q)) return { add: (a, b) => (a + b) % q, mul: (a, b) => (a * b) % q };
  const polynomial = POLYNOMIALS.get(q);
  if (polynomial === undefined) return null;
  return {
    add: (a, b) => a ^ b,
    mul: (a, b) => {
      let product = 0;
      for (let x = a, y = b; y > 0; y >>= 1) {
        if (y & 1) product ^= x;
        x <<= 1;
        if (x & q) x ^= polynomial;
      }
      return product;
    },
  };
}

/**
 * Rooms for up to `rounds` rounds of `rooms` rooms of `size` people (person indexes
 * 0 … rooms·size − 1, relabelled by `order`), or [] when the construction does not apply.
 */
export function affineRounds(
  rooms: number,
  size: number,
  rounds: number,
  order: ArrayLike<number>,
): number[][][] {
  const field = size <= rooms ? fieldOf(rooms) : null;
  if (field === null || size < 2) return [];
  const person = (x: number, y: number): number => order[y * rooms + x] as number;
  const result: number[][][] = [];
  for (let w = 0; w < Math.min(rounds, rooms); w++) {
    const round: number[][] = Array.from({ length: rooms }, () => []);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < rooms; x++) round[field.add(x, field.mul(w, y))]!.push(person(x, y));
    result.push(round);
  }
  if (result.length < rounds && rooms % size === 0) {
    const round: number[][] = [];
    for (let y = 0; y < size; y++)
      for (let start = 0; start < rooms; start += size)
        round.push(Array.from({ length: size }, (_, k) => person(start + k, y)));
    result.push(round);
  }
  return result;
}
