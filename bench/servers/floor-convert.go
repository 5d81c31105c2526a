// The floor of a conversion webhook in Go, for bench/realapi-list.bench.ts
// (BENCH_LIST_FLOOR=1): net/http over TLS (offering h2 and HTTP/1.1 by ALPN,
// as Go's server does by default), encoding/json, and the least work that answers kube-apiserver: set each
// object's apiVersion to the desired one. Correct only for objects whose
// versions differ in nothing but apiVersion, as the bench's floor CRDs do.
// GET /stats reports reviews, the TLS connections that carried them and the
// HTTP versions seen.
// Built by the bench into .cache/ with the system's Go; never committed.
package main

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
)

// What kube-apiserver sends (it also sends an empty "response", ignored here).
type review struct {
	APIVersion string `json:"apiVersion"`
	Request    *struct {
		UID               string                   `json:"uid"`
		DesiredAPIVersion string                   `json:"desiredAPIVersion"`
		Objects           []map[string]interface{} `json:"objects"`
	} `json:"request"`
}

type answer struct {
	APIVersion string    `json:"apiVersion"`
	Kind       string    `json:"kind"`
	Response   *response `json:"response"`
}

type response struct {
	UID              string                   `json:"uid"`
	ConvertedObjects []map[string]interface{} `json:"convertedObjects"`
	Result           map[string]string        `json:"result"`
}

var (
	mu      sync.Mutex
	remotes = map[string]bool{}
	stats   = struct {
		Reviews      int            `json:"reviews"`
		Connections  int            `json:"connections"`
		HTTPVersions map[string]int `json:"httpVersions"`
	}{HTTPVersions: map[string]int{}}
)

func handle(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(stats)
		return
	}
	var in review
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Request == nil {
		fmt.Fprintf(os.Stderr, "floor-convert: not a ConversionReview (%v)\n", err)
		http.Error(w, "bad review", http.StatusBadRequest)
		return
	}
	for _, o := range in.Request.Objects {
		o["apiVersion"] = in.Request.DesiredAPIVersion
	}
	mu.Lock()
	stats.Reviews++
	if !remotes[r.RemoteAddr] {
		remotes[r.RemoteAddr] = true
		stats.Connections++
	}
	stats.HTTPVersions[r.Proto]++
	mu.Unlock()
	out := answer{APIVersion: in.APIVersion, Kind: "ConversionReview", Response: &response{
		UID: in.Request.UID, ConvertedObjects: in.Request.Objects,
		Result: map[string]string{"status": "Success"},
	}}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

func main() {
	cert, err := tls.LoadX509KeyPair(os.Getenv("BENCH_TLS_CERT"), os.Getenv("BENCH_TLS_KEY"))
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	server := &http.Server{
		Handler:   http.HandlerFunc(handle),
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}},
	}
	fmt.Printf("{\"url\":\"https://%s\"}\n", ln.Addr().String())
	if err := server.ServeTLS(ln, "", ""); err != nil {
		panic(err)
	}
}
