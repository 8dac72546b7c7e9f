// The W1 and W2 columns, from the same generators as bench/shared/data-gen.ts (hash32 is its murmur3
// finaliser in uint32 arithmetic, so the values agree to the last bit).
package main

import (
	"encoding/json"
	"fmt"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

const (
	streamVector = 1
	streamTitle  = 2
	streamPrice  = 3
	streamMeta   = 4
	twoPow32     = 4294967296.0
)

func hash32(stream, index uint32) uint32 {
	x := (index * 0x9e3779b1) ^ ((stream + 1) * 0x85ebca77)
	x ^= x >> 16
	x *= 0x85ebca6b
	x ^= x >> 13
	x *= 0xc2b2ae35
	x ^= x >> 16
	return x
}

func unit(stream, index uint32) float64 { return float64(hash32(stream, index)) / twoPow32 }

func denseRows(rows, dim int) [][]float32 {
	out := make([][]float32, rows)
	flat := make([]float32, rows*dim)
	for k := range flat {
		flat[k] = float32(unit(streamVector, uint32(k))*2 - 1)
	}
	for r := range out {
		out[r] = flat[r*dim : (r+1)*dim]
	}
	return out
}

func ids(rows int) []int64 {
	out := make([]int64, rows)
	for r := range out {
		out[r] = int64(r)
	}
	return out
}

// meta is data-gen.ts's meta(row), serialised in the same key order.
type meta struct {
	Category string   `json:"category"`
	Score    float64  `json:"score"`
	Tags     []string `json:"tags"`
	InStock  bool     `json:"in_stock"`
}

func insertOption(s spec) (milvusclient.InsertOption, error) {
	switch s.Workload {
	case "W1":
		return milvusclient.NewColumnBasedInsertOption(s.Collection).
			WithInt64Column("id", ids(s.Rows)).
			WithFloatVectorColumn("vector", 768, denseRows(s.Rows, 768)), nil
	case "W2":
		titles := make([]string, s.Rows)
		prices := make([]float64, s.Rows)
		metas := make([][]byte, s.Rows)
		for r := 0; r < s.Rows; r++ {
			h := func(k int) uint32 { return hash32(streamTitle, uint32(r*3+k)) }
			titles[r] = fmt.Sprintf("product-%06d-%08x%08x%08x", r, h(0), h(1), h(2))
			prices[r] = unit(streamPrice, uint32(r)) * 1000
			m := hash32(streamMeta, uint32(r))
			doc, err := json.Marshal(meta{fmt.Sprintf("c%d", m%16), float64(m%10000) / 100, []string{fmt.Sprintf("t%d", m%7), fmt.Sprintf("t%d", (m>>8)%5)}, m&1 == 1})
			if err != nil {
				return nil, err
			}
			metas[r] = doc
		}
		return milvusclient.NewColumnBasedInsertOption(s.Collection).
			WithInt64Column("id", ids(s.Rows)).
			WithFloatVectorColumn("vector", 128, denseRows(s.Rows, 128)).
			WithVarcharColumn("title", titles).
			WithColumns(column.NewColumnDouble("price", prices), column.NewColumnJSONBytes("meta", metas)), nil
	}
	return nil, fmt.Errorf("no Go columns for workload %q (W1 and W2 only)", s.Workload)
}
