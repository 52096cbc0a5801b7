package liveness

import "time"

// RTTStats are the round-trip times measured from answered pings. The zero
// value means no ping has been answered yet.
type RTTStats struct {
	Latest   time.Duration // the most recent sample; zero: none yet
	Smoothed time.Duration // EWMA with alpha 1/8 like TCP's SRTT, seeded by the first sample; zero: none yet
	Samples  int           // number of samples taken; zero: none yet
}

// add records one sample.
func (s *RTTStats) add(rtt time.Duration) {
	s.Latest = rtt
	s.Samples++
	if s.Samples == 1 {
		s.Smoothed = rtt
		return
	}
	s.Smoothed += (rtt - s.Smoothed) / 8
}
