// Package gobind checks that the mobile facade (github.com/tetherws/tether/mobile)
// binds with gobind, the generator behind `gomobile bind`: every exported name
// must be bound for Java and Objective-C (gobind skips unsupported ones with a
// comment instead of failing), the generated Go side must compile, and, when a
// JDK is installed, the generated Java must compile with javac.
//
// gobind runs from this module, whose go.mod pins golang.org/x/mobile with a
// tool directive: gobind resolves golang.org/x/mobile/bind from the module it
// runs in, and the bound package through the replace of the root module.
package gobind
