// `make bench` drives this program once per measured subject, each in its own process.
Console.Error.WriteLine("usage: StudentMetrics.Benchmarks SUBJECT [options] (see tests/bench/README.md)");
return 1;
