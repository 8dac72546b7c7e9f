// Go side of `npm run bench`: times the official Go SDK v2's column insert
// (`milvusclient.Client.Insert` with `NewColumnBasedInsertOption`) of W1 or W2 against the sink and
// prints one `RESULT {json}` line, shaped like the pymilvus side's (bench/suite/pymilvus_bench.py).
//
// Usage (the runner builds this into a temp dir with `go build`): go-bench SPEC_JSON
//
// SPEC_JSON: {"workload": "W1", "rows": 10000, "address": "127.0.0.1:PORT", "collection": "bench_w1",
// "iterations": 7, "warmup": 1}
//
// The columns are built before any timing from the same hash as bench/shared/data-gen.ts, so the Go SDK
// sends the same numbers as the other clients. Measured like them: warm-up calls, a forced GC, the
// peak-RSS mark reset, then the timed calls with the process CPU time around them.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

type spec struct {
	Workload   string `json:"workload"`
	Rows       int    `json:"rows"`
	Address    string `json:"address"`
	Collection string `json:"collection"`
	Iterations int    `json:"iterations"`
	Warmup     int    `json:"warmup"`
}

type result struct {
	SamplesMs   []float64 `json:"samples_ms"`
	CPUMs       float64   `json:"cpu_ms"`
	RSSBeforeKb int       `json:"rss_before_kb"`
	PeakRSSKb   int       `json:"peak_rss_kb"`
	Calls       int       `json:"calls"`
}

func main() {
	if len(os.Args) != 2 {
		fail(fmt.Errorf("usage: go-bench SPEC_JSON"))
	}
	var s spec
	if err := json.Unmarshal([]byte(os.Args[1]), &s); err != nil {
		fail(err)
	}
	option, err := insertOption(s)
	if err != nil {
		fail(err)
	}
	ctx := context.Background()
	client, err := milvusclient.New(ctx, &milvusclient.ClientConfig{Address: s.Address})
	if err != nil {
		fail(err)
	}
	defer client.Close(ctx)
	insert := func() {
		res, err := client.Insert(ctx, option)
		if err != nil {
			fail(err)
		}
		if int(res.InsertCount) != s.Rows || res.IDs.Len() != s.Rows {
			fail(fmt.Errorf("insert_count %d with %d ids, expected %d", res.InsertCount, res.IDs.Len(), s.Rows))
		}
	}
	for i := 0; i < s.Warmup; i++ {
		insert()
	}
	runtime.GC()
	resetPeakRSS()
	r := result{RSSBeforeKb: procStatusKb("VmRSS"), Calls: s.Warmup + s.Iterations}
	cpu0 := cpuMs()
	for i := 0; i < s.Iterations; i++ {
		t0 := time.Now()
		insert()
		r.SamplesMs = append(r.SamplesMs, float64(time.Since(t0).Microseconds())/1000)
	}
	r.CPUMs = cpuMs() - cpu0
	r.PeakRSSKb = procStatusKb("VmHWM")
	out, _ := json.Marshal(r)
	fmt.Printf("RESULT %s\n", out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "go-bench:", err)
	os.Exit(1)
}

// cpuMs is the process CPU time (user + system, all threads) so far.
func cpuMs() float64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		fail(err)
	}
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e6
}

func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// procStatusKb reads a line of /proc/self/status in kB (0 where there is no procfs).
func procStatusKb(key string) int {
	text, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	var kb int
	for _, line := range splitLines(string(text)) {
		if n, _ := fmt.Sscanf(line, key+": %d kB", &kb); n == 1 {
			return kb
		}
	}
	return 0
}

func splitLines(s string) []string {
	var lines []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		lines = append(lines, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return lines
}
