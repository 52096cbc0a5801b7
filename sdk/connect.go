package sdk

import (
	"context"
	"errors"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// connect makes one connection attempt and returns the open connection.
func (c *Client) connect(attempt int) (*connection, error) {
	c.setState(Connecting, nil)
	ctx, cancel := c.withAttemptTimeout()
	defer cancel()
	p, err := c.paramsFor(ctx, attempt)
	if err != nil {
		return nil, err
	}
	if c.log.enabled() || c.observed() { // both silent: no redacted URL to build
		url := c.redactedURL(p.URL)
		c.log.Debug("tether: connecting", "attempt", attempt, "url", url)
		emit(c, ConnectingEvent{Attempt: attempt, URL: url})
	}
	offer := offerOf(p)
	tc, err := c.opts.Dialer.Dial(ctx, p.URL, transport.DialOptions{
		Subprotocols: offer.Wire(), Header: p.Header, ReadLimit: c.opts.ReadLimit, Compression: c.opts.Compression})
	if err != nil {
		return nil, c.dialError(offer, err)
	}
	return c.accept(tc, offer, attempt)
}

// paramsFor runs BeforeDial and validates what it returned.
func (c *Client) paramsFor(ctx context.Context, attempt int) (DialParams, error) {
	if c.opts.BeforeDial == nil {
		return c.params, nil
	}
	p, err := c.opts.BeforeDial(ctx, attempt, c.params)
	if err != nil {
		return p, errfmt.Errorf("tether: BeforeDial: %w", err)
	}
	if p.URL, err = normalizeURL(p.URL); err != nil {
		return p, err
	}
	if err := checkParams(p); err != nil {
		return p, err
	}
	c.params = p
	return p, nil
}

// dialError reports a rejected upgrade as a subprotocol mismatch when the
// server's subprotocol answer is what was wrong.
func (c *Client) dialError(offer negotiate.Offer, err error) error {
	if ue, ok := errors.AsType[*wserr.UpgradeError](err); ok {
		if _, mErr := offer.Check(ue.Subprotocols, c.opts.RequireSubprotocol); mErr != nil {
			return mErr
		}
	}
	if errors.Is(err, context.Canceled) && c.ctx.Err() != nil {
		return ErrClosed
	}
	return err
}

// accept validates the server's subprotocol choice and resolves the heartbeat
// plan for the new connection.
func (c *Client) accept(tc transport.Conn, offer negotiate.Offer, attempt int) (*connection, error) {
	proto, err := offer.Check(tc.SubprotocolHeader(), c.opts.RequireSubprotocol)
	if err != nil {
		tc.Abort(transport.StatusProtocolError, "subprotocol mismatch")
		return nil, err
	}
	_, pings := tc.(transport.Pinger)
	plan, err := liveness.Resolve(c.opts.Heartbeat, c.profileHeartbeat(proto), pings)
	if err != nil { // the settings do not fit this selection: the next would be the same
		tc.Abort(transport.StatusNormalClosure, "")
		return nil, &invalidOptions{field: "Heartbeat", err: err}
	}
	cn := newConnection(c.ctx, tc, attempt, plan, &c.needReader, c.resume)
	cn.protocol = proto
	cn.live = newLiveness(plan, c.opts.clock.Now())
	cn.confirms = confirmable(plan)
	d := c.opts.Delivery
	cn.ledger = newLedger(d.MaxUnconfirmed, d.MaxUnconfirmedBytes, &c.progress)
	return cn, nil
}

func (c *Client) profileHeartbeat(proto string) heartbeat.Messages {
	if proto == "" {
		return heartbeat.Messages{}
	}
	p, ok := negotiate.Lookup(c.opts.Profiles, proto)
	if !ok {
		return heartbeat.Messages{}
	}
	return p.Heartbeat
}
