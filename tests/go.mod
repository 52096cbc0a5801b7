module github.com/tetherws/tether/tests

go 1.26

replace github.com/tetherws/tether => ../

require github.com/tetherws/tether v0.0.0-00010101000000-000000000000

require github.com/coder/websocket v1.8.15 // indirect
