//go:build !js && race

package main

// raceBuild: the tests run with -race, so the binary under test is built
// with -race too.
const raceBuild = true
