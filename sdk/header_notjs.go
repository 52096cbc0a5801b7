//go:build !js

package sdk

func checkHeader(map[string][]string) error { return nil }
