//go:build !js && !race

package main

const raceBuild = false
