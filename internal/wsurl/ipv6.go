package wsurl

import "strings"

// validIPv6 reports whether s is an IPv6 address without a zone: eight groups
// of one to four hexadecimal digits, "::" once for a run of zero groups, and
// optionally a dotted IPv4 address as the last two.
func validIPv6(s string) bool {
	head, tail, elided := strings.Cut(s, "::")
	if elided && strings.Contains(tail, "::") {
		return false
	}
	n1, ok1 := ipv6Groups(head, false)
	n2, ok2 := ipv6Groups(tail, true)
	if !elided {
		n1, ok1 = ipv6Groups(head, true)
		return ok1 && n1 == 8
	}
	return ok1 && ok2 && n1+n2 < 8
}

// ipv6Groups counts the groups of s ("" has none); with last, the final
// group may be an IPv4 address, counted as two.
func ipv6Groups(s string, last bool) (int, bool) {
	if s == "" {
		return 0, true
	}
	groups := strings.Split(s, ":")
	n := 0
	for i, g := range groups {
		if last && i == len(groups)-1 && strings.Contains(g, ".") {
			return n + 2, validIPv4(g)
		}
		if len(g) == 0 || len(g) > 4 || !onlyBytes(g, "", true) {
			return 0, false
		}
		n++
	}
	return n, true
}

// validIPv4 reports whether s is four decimal octets without leading zeros.
func validIPv4(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) == 0 || len(p) > 3 || (len(p) > 1 && p[0] == '0') || !onlyBytes(p, "", true) {
			return false
		}
		v := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return false
			}
			v = v*10 + int(p[i]-'0')
		}
		if v > 255 {
			return false
		}
	}
	return true
}
