package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// Signer computes and checks message signatures: the lowercase hex
// HMAC-SHA256 of the header, parent header, metadata and content frames. An
// empty key switches signing off (empty signatures, nothing checked).
type Signer struct {
	key []byte
}

// NewSigner returns a Signer for key.
func NewSigner(key string) *Signer {
	return &Signer{key: []byte(key)}
}

// Enabled reports whether messages are signed.
func (s *Signer) Enabled() bool { return len(s.key) > 0 }

// Sign returns the signature of the four JSON frames.
func (s *Signer) Sign(frames ...[]byte) string {
	if !s.Enabled() {
		return ""
	}
	return hex.EncodeToString(s.mac(frames))
}

// Verify reports whether sig is the signature of frames, comparing in
// constant time. With signing off every signature is accepted.
func (s *Signer) Verify(sig []byte, frames ...[]byte) bool {
	if !s.Enabled() {
		return true
	}
	want := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(want, sig); err != nil {
		return false
	}
	return hmac.Equal(want, s.mac(frames))
}

func (s *Signer) mac(frames [][]byte) []byte {
	var h hash.Hash = hmac.New(sha256.New, s.key)
	for _, f := range frames {
		h.Write(f)
	}
	return h.Sum(nil)
}
