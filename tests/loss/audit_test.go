//go:build !js

package loss

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tetherws/tether/tests/loss/sender"
)

// tally is the audit of a group of clients (one platform and policy).
type tally struct {
	clients, tried, accepted, refused int
	read, reads                       int // distinct messages read, reads in all
	lost                              int // accepted, never read, never handed back
	duplicated, extraReads            int // messages read more than once; the extra reads
	reordered, overtaken              int // reads after a higher seq; of those, first reads
	reorderedInConn                   int // reads after a higher seq on the same connection
	handedBack, maybe, atClose        int
	handedBackRead                    int // handed back as maybe delivered, and read
	opens, noConfirm, serverConns     int
	flushOK, flushErr                 int
	flushLiesUnsure                   int   // see flushLies
	closeMaxMS                        int64 // the longest Close, for the note (not asserted)
	byKind                            map[string]*kindTally
	problems                          map[string][]string // assertion → examples
}

// kindTally attributes events to the fault that preceded them.
type kindTally struct{ handedBack, duplicated, reordered, lost int }

func newTally() *tally {
	return &tally{byKind: map[string]*kindTally{}, problems: map[string][]string{}}
}

func (t *tally) kind(k string) *kindTally {
	if t.byKind[k] == nil {
		t.byKind[k] = &kindTally{}
	}
	return t.byKind[k]
}

func (t *tally) problem(name, format string, args ...any) {
	t.problems[name] = append(t.problems[name], fmt.Sprintf(format, args...))
}

// audit checks one client's report against what the server read from it.
func (t *tally) audit(rep *sender.Report, reads []read, fs []fault) {
	t.clients++
	t.tried += rep.Tried
	t.accepted += rep.Accepted
	t.refused += len(rep.Refused)
	t.opens += rep.Opens
	t.noConfirm += rep.NoConfirm
	t.flushOK += rep.FlushOK
	t.flushErr += rep.FlushErr
	t.serverConns += countConns(reads)
	t.closeMaxMS = max(t.closeMaxMS, rep.Ended-rep.CloseAt)
	back := t.handBacks(rep, fs)
	refused := map[int]string{}
	for _, r := range rep.Refused {
		refused[r.Seq] = r.Err
		if _, ok := back[r.Seq]; ok {
			t.problem("reported twice", "%s:%d refused (%s) and handed back", rep.ID, r.Seq, r.Err)
		}
	}
	count := t.countReads(rep, reads, fs)
	t.outcomes(rep, count, back, refused, fs)
	t.confirmedRewritten(rep.ID, reads)
	if rep.UnsentLen != len(rep.HandedBack) {
		t.problem("Unsent differs from UnsentEvents", "%s: Unsent() has %d, UnsentEvents carried %d",
			rep.ID, rep.UnsentLen, len(rep.HandedBack))
	}
	t.flushLies(rep, back)
	if rep.Opens < 2 {
		t.problem("faults did not reach the client", "%s opened %d times", rep.ID, rep.Opens)
	}
	if rep.NoConfirm > 0 {
		t.problem("connections that cannot confirm", "%s: %d opens had Confirms false", rep.ID, rep.NoConfirm)
	}
}

// handBacks indexes the client's hand-backs by seq.
func (t *tally) handBacks(rep *sender.Report, fs []fault) map[int]sender.HandBack {
	back := map[int]sender.HandBack{}
	for _, h := range rep.HandedBack {
		if prev, ok := back[h.Seq]; ok || h.Seq < 1 || h.Seq > rep.Tried {
			t.problem("reported twice", "%s:%d handed back twice or unknown (%q, then %q)", rep.ID, h.Seq, prev.Err, h.Err)
			continue
		}
		back[h.Seq] = h
		t.handedBack++
		kind := kindAt(fs, h.At)
		if h.Closing {
			t.atClose++
			kind = "close"
		}
		t.kind(kind).handedBack++
		if h.Maybe {
			t.maybe++
		}
	}
	return back
}

// countReads counts the server's reads per seq, with reorders and duplicates.
func (t *tally) countReads(rep *sender.Report, reads []read, fs []fault) map[int]int {
	count := map[int]int{}
	maxSeq, connMax := 0, map[int]int{}
	for _, r := range reads {
		t.reads++
		count[r.seq]++
		if r.seq > rep.Tried {
			t.problem("read but never given", "%s:%d read on connection %d", rep.ID, r.seq, r.conn)
		}
		if count[r.seq] == 2 {
			t.duplicated++
			t.kind(kindAt(fs, r.at)).duplicated++
		}
		if r.seq < maxSeq {
			t.reordered++
			t.kind(kindAt(fs, r.at)).reordered++
			if count[r.seq] == 1 {
				t.overtaken++
			}
		}
		if r.seq < connMax[r.conn] {
			t.reorderedInConn++
		}
		maxSeq, connMax[r.conn] = max(maxSeq, r.seq), max(connMax[r.conn], r.seq)
	}
	t.read += len(count)
	for _, n := range count {
		t.extraReads += n - 1
	}
	return count
}

// outcomes checks that each message given to the client ended read or
// handed back, and that none handed back as never written was read.
func (t *tally) outcomes(rep *sender.Report, count map[int]int, back map[int]sender.HandBack, refused map[int]string, fs []fault) {
	for seq := 1; seq <= rep.Tried; seq++ {
		h, handed := back[seq]
		_, isRefused := refused[seq]
		read := count[seq] > 0
		switch {
		case isRefused && read:
			t.problem("never written, yet read", "%s:%d: Send/Enqueue said %q; the server read it", rep.ID, seq, refused[seq])
		case handed && read && !h.Maybe:
			t.problem("never written, yet read", "%s:%d handed back with %q; the server read it", rep.ID, seq, h.Err)
		case handed && read:
			t.handedBackRead++
		case !isRefused && !handed && !read:
			t.lost++
			at := rep.AcceptedAt[seq-1]
			t.kind(kindAt(fs, at)).lost++
			t.problem("silently lost", "%s:%d accepted at %d (after %s): never read, never handed back",
				rep.ID, seq, at, kindAt(fs, at))
		}
	}
}

// confirmedRewritten finds messages written again after a Flush confirmed
// them. A message read on connection K carries ck: every seq up to ck was
// confirmed before it was written. So a read of seq ≤ ck later on K, or on
// any connection opened after K (the client writes on one at a time and
// dials the next after the previous ended), is a confirmed message written
// again: it must never happen, under either policy.
func (t *tally) confirmedRewritten(id string, reads []read) {
	byConn := map[int][]read{}
	var conns []int
	for _, r := range reads {
		if byConn[r.conn] == nil {
			conns = append(conns, r.conn)
		}
		byConn[r.conn] = append(byConn[r.conn], r)
	}
	sort.Ints(conns)
	floor := 0 // the highest ck read on earlier connections
	for _, c := range conns {
		running := floor
		for _, r := range byConn[c] {
			if r.seq <= running {
				t.problem("confirmed, then written again", "%s:%d read on connection %d after a message confirming up to %d",
					id, r.seq, c, running)
			}
			running = max(running, r.ck)
		}
		floor = running
	}
}

// flushLies checks that no Flush returned nil while a message it covered
// was handed back. The report cannot tell a hand-back decided just before a
// Flush began (Flush may ignore it) from one decided while it ran, except
// at the client's end (errors wrapping ErrClosed): a Flush called before
// Close was already waiting when Close handed messages back, since Close
// first waits up to 2 s for confirmations when the client is Open, and
// otherwise if it was called 500 ms or more before Close. Those fail the
// audit; the rest are only counted.
func (t *tally) flushLies(rep *sender.Report, back map[int]sender.HandBack) {
	for _, l := range rep.FlushLies {
		waiting := l.Started < rep.CloseAt && (rep.OpenAtClose || l.Started <= rep.CloseAt-500)
		if waiting && back[l.Seq].Closed {
			t.problem("Flush nil though Close handed back what it covered",
				"%s: a Flush up to %d, called %d ms before Close, returned nil; Close handed %d back (%s)",
				rep.ID, l.UpTo, rep.CloseAt-l.Started, l.Seq, back[l.Seq].Err)
			continue
		}
		t.flushLiesUnsure++
	}
}

func countConns(reads []read) int {
	seen := map[int]bool{}
	for _, r := range reads {
		seen[r.conn] = true
	}
	return len(seen)
}

// report logs the figures for the closing note.
func (t *tally) report(tb testing.TB, name string) {
	tb.Logf("%s: clients %d, given %d, accepted %d, refused %d | read %d (%d reads) | LOST %d | duplicated %d (%d extra reads) | "+
		"reordered reads %d (overtaken %d, within a connection %d) | handed back %d (maybe delivered %d, at Close %d, maybe and read %d) | "+
		"opens %d, server connections with data %d | Flush ok %d, failed %d, nil with a hand-back at its start %d | longest Close %d ms",
		name, t.clients, t.tried, t.accepted, t.refused, t.read, t.reads, t.lost, t.duplicated, t.extraReads,
		t.reordered, t.overtaken, t.reorderedInConn, t.handedBack, t.maybe, t.atClose, t.handedBackRead,
		t.opens, t.serverConns, t.flushOK, t.flushErr, t.flushLiesUnsure, t.closeMaxMS)
	kinds := make([]string, 0, len(t.byKind))
	for k := range t.byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	for _, k := range kinds {
		v := t.byKind[k]
		fmt.Fprintf(&b, " %s: handed back %d, duplicated %d, reordered %d, lost %d;", k, v.handedBack, v.duplicated, v.reordered, v.lost)
	}
	tb.Logf("%s by preceding fault:%s", name, b.String())
}

// check fails the test for every problem, with up to 10 examples each.
func (t *tally) check(tb testing.TB, name string, handBack bool) {
	if handBack && t.duplicated > 0 {
		t.problem("duplicated under HandBackUnconfirmed", "%d messages read twice", t.duplicated)
	}
	names := make([]string, 0, len(t.problems))
	for n := range t.problems {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ex := t.problems[n]
		more := ""
		if len(ex) > 10 {
			more = fmt.Sprintf(" … and %d more", len(ex)-10)
			ex = ex[:10]
		}
		tb.Errorf("%s: %s: %d: %s%s", name, n, len(t.problems[n]), strings.Join(ex, "; "), more)
	}
}
