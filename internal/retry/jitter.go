package retry

import (
	"math/rand/v2"
	"time"
)

// jitter spreads delays uniformly over d×[1−factor, 1+factor]. Each Schedule owns
// one, so jitter needs no lock and, with a seed, is reproducible.
type jitter struct {
	rng    *rand.Rand // nil: no jitter
	factor float64
}

func newJitter(factor float64, seed uint64) jitter {
	if factor == 0 {
		return jitter{}
	}
	if seed == 0 {
		seed = rand.Uint64() // the runtime-seeded source; only read, never reseeded
	}
	// Mix the seed so that neighbouring seeds (1, 2, 3, …) start far apart.
	src := rand.NewPCG(splitmix64(seed), splitmix64(seed^0x9e3779b97f4a7c15))
	return jitter{rng: rand.New(src), factor: factor}
}

// apply returns d scaled by a uniform draw from [1−factor, 1+factor), capped at
// limit.
func (j jitter) apply(d, limit time.Duration) time.Duration {
	if j.rng == nil || d <= 0 {
		return min(d, limit)
	}
	return scaleCapped(d, 1-j.factor+2*j.factor*j.rng.Float64(), limit)
}

// scaleCapped returns min(d×f, limit), computed without overflowing.
func scaleCapped(d time.Duration, f float64, limit time.Duration) time.Duration {
	if x := float64(d) * f; x < float64(limit) {
		return time.Duration(x)
	}
	return limit
}

// splitmix64 is the finaliser of the SplitMix64 generator: a bijection on uint64
// that turns nearby inputs into unrelated outputs.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
