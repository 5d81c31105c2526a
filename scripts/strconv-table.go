// Prints Go's strconv verdicts for the inputs in test/model/fixtures/strconv-inputs.json,
// as KUDO's parameter validation calls them: ParseInt(s, 10, 64), ParseFloat(s, 64),
// ParseBool(s). The output is the golden table test/model/parameter-values.test.ts reads.
// Run: go run scripts/strconv-table.go < test/model/fixtures/strconv-inputs.json > test/model/fixtures/strconv.json
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
)

type verdict struct {
	OK    bool   `json:"ok"`
	Value string `json:"value,omitempty"`
	Err   string `json:"err,omitempty"`
}

type row struct {
	Input   string  `json:"input"`
	Integer verdict `json:"integer"`
	Number  verdict `json:"number"`
	Boolean verdict `json:"boolean"`
}

func main() {
	var inputs []string
	if err := json.NewDecoder(os.Stdin).Decode(&inputs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	rows := []row{}
	for _, s := range inputs {
		r := row{Input: s}
		if i, err := strconv.ParseInt(s, 10, 64); err != nil {
			r.Integer = verdict{Err: err.Error()}
		} else {
			r.Integer = verdict{OK: true, Value: strconv.FormatInt(i, 10)}
		}
		if f, err := strconv.ParseFloat(s, 64); err != nil {
			r.Number = verdict{Err: err.Error()}
		} else {
			v := strconv.FormatFloat(f, 'g', -1, 64)
			if math.IsNaN(f) {
				v = "NaN"
			}
			r.Number = verdict{OK: true, Value: v}
		}
		if b, err := strconv.ParseBool(s); err != nil {
			r.Boolean = verdict{Err: err.Error()}
		} else {
			r.Boolean = verdict{OK: true, Value: strconv.FormatBool(b)}
		}
		rows = append(rows, r)
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", "  ")
	out.SetEscapeHTML(false)
	if err := out.Encode(rows); err != nil {
		os.Exit(1)
	}
}
