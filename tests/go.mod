module github.com/tetherws/tether/tests

go 1.26

replace github.com/tetherws/tether => ../
