package returns

// X9List is the X9.100-188 return-reason list a CHR code comes from.
type X9List string

// The two X9.100-188 lists. The Returns Indicator of the cash letter
// header (record 10, field 14, position 78) says which one a return's
// one-character reason is read in: the nine characters I, Q, T, U, Y, 3,
// 4, 5 and 6 are in both.
const (
	X9Customer       X9List = "customer"       // CHR01–CHR29: A…Z without V, then 3–6
	X9Administrative X9List = "administrative" // CHR30–CHR41: I, Q, T, U, V, Y, 1–6
)

// CheckCode is one CHR code: check issuance failures (CHECK-US: CHR03,
// CHR15) and remote-deposit returns (RDC: CHR01–CHR41) (returns.md §7).
type CheckCode struct {
	Code string
	// X9Reason is the X9.100-188 return reason (record 31 field 6) and
	// X9List its list.
	X9Reason string
	X9List   X9List
	// Description is the seed's wording (seed 002, lines 3472-3634);
	// Title the X9.100-188 meaning.
	Description string
	Title       string
	// Category and Window are the platform's (seed 002, lines 3636-3652),
	// used to release holds and for risk reporting only: a check return is
	// never rejected for lateness. CHR03 is in two seed categories; its
	// timing is Administrative and it counts as Unauthorized (returns.md
	// §9 #3). Forgery (CHR25, and CHR28 by analogy) has no time limit.
	Category Category
	Window   Window
	// Unauthorized: the seed's Unauthorized list (CHR03, 14, 17, 24, 25,
	// 26), counted as unauthorized for risk.
	Unauthorized bool
	// LocksUser: railyard locks the user on counterfeit and forgery
	// (CHR14, CHR17, CHR25, CHR28); the seed gives no lock flags for
	// checks. Nothing locks the node.
	LocksUser    bool
	SeedLine     int
	SandboxCents int64
}

// checkTable is the CHR catalogue in X9.100-188 order. Descriptions are
// the seed's words; CHR20's closing parenthesis, missing in the seed, is
// restored.
var checkTable = []CheckCode{
	{Code: "CHR01", X9Reason: "A", X9List: X9Customer, Description: "NSF – customer does not have sufficient funds to cover the item", Title: "NSF – not sufficient funds", Category: CategoryOther, Window: Window3BD, SeedLine: 3472, SandboxCents: 22312},
	{Code: "CHR02", X9Reason: "B", X9List: X9Customer, Description: "UCF – uncollected funds hold", Title: "UCF – uncollected funds hold", Category: CategoryAdministrative, Window: Window3BD, SeedLine: 3476, SandboxCents: 22313},
	{Code: "CHR03", X9Reason: "C", X9List: X9Customer, Description: "Stop payment – a stop payment has been placed on the item", Title: "Stop payment", Category: CategoryAdministrative, Window: Window3BD, Unauthorized: true, SeedLine: 3480, SandboxCents: 22314},
	{Code: "CHR04", X9Reason: "D", X9List: X9Customer, Description: "Closed account – the item’s account has been closed", Title: "Closed account", Category: CategoryAdministrative, Window: Window3BD, SeedLine: 3484},
	{Code: "CHR05", X9Reason: "E", X9List: X9Customer, Description: "UTLA – unable to locate account", Title: "UTLA – unable to locate account", Category: CategoryOther, Window: Window3BD, SeedLine: 3488, SandboxCents: 22315},
	{Code: "CHR06", X9Reason: "F", X9List: X9Customer, Description: "Frozen/blocked account – account has restrictions placed by customer or bank", Title: "Frozen/blocked account", Category: CategoryOther, Window: Window3BD, SeedLine: 3492, SandboxCents: 22316},
	{Code: "CHR07", X9Reason: "G", X9List: X9Customer, Description: "Stale dated – the date on the item is more than 6 months old", Title: "Stale dated", Category: CategoryOther, Window: Window3BD, SeedLine: 3496, SandboxCents: 22317},
	{Code: "CHR08", X9Reason: "H", X9List: X9Customer, Description: "Post dated – the date on the item is in the future", Title: "Post dated", Category: CategoryOther, Window: Window3BD, SeedLine: 3500, SandboxCents: 22318},
	{Code: "CHR09", X9Reason: "I", X9List: X9Customer, Description: "Endorsement missing", Title: "Endorsement missing", Category: CategoryOther, Window: Window3BD, SeedLine: 3504, SandboxCents: 22319},
	{Code: "CHR10", X9Reason: "J", X9List: X9Customer, Description: "Endorsement irregular", Title: "Endorsement irregular", Category: CategoryOther, Window: Window3BD, SeedLine: 3508, SandboxCents: 22320},
	{Code: "CHR11", X9Reason: "K", X9List: X9Customer, Description: "Signature(s) missing", Title: "Signature(s) missing", Category: CategoryOther, Window: Window3BD, SeedLine: 3512, SandboxCents: 22321},
	{Code: "CHR12", X9Reason: "L", X9List: X9Customer, Description: "Signature(s) irregular, suspected forgery", Title: "Signature(s) irregular, suspected forgery", Category: CategoryOther, Window: Window3BD, SeedLine: 3516, SandboxCents: 22322},
	{Code: "CHR13", X9Reason: "M", X9List: X9Customer, Description: "Non-cash item (non negotiable)", Title: "Non-cash item (non-negotiable)", Category: CategoryOther, Window: Window3BD, SeedLine: 3520, SandboxCents: 22323},
	{Code: "CHR14", X9Reason: "N", X9List: X9Customer, Description: "Altered/fictitious item/Suspected counterfeit/Counterfeit", Title: "Altered/fictitious item/suspected counterfeit/counterfeit", Category: CategoryUnauthorized, Window: Window60CD, Unauthorized: true, LocksUser: true, SeedLine: 3524, SandboxCents: 22324},
	{Code: "CHR15", X9Reason: "O", X9List: X9Customer, Description: "Unable to process", Title: "Unable to process", Category: CategoryOther, Window: Window3BD, SeedLine: 3528, SandboxCents: 22325},
	{Code: "CHR16", X9Reason: "P", X9List: X9Customer, Description: "Items exceeds stated max value", Title: "Item exceeds stated max value", Category: CategoryOther, Window: Window3BD, SeedLine: 3532, SandboxCents: 22326},
	{Code: "CHR17", X9Reason: "Q", X9List: X9Customer, Description: "Not Authorized (Includes Drafts/Remotely Created Checks) – Unauthorized item such as a draft/RCC", Title: "Not authorized (includes drafts/remotely created checks)", Category: CategoryUnauthorized, Window: Window60CD, Unauthorized: true, LocksUser: true, SeedLine: 3536, SandboxCents: 22327},
	{Code: "CHR18", X9Reason: "R", X9List: X9Customer, Description: "Branch/account sold (Wrong Bank)", Title: "Branch/account sold (wrong bank)", Category: CategoryOther, Window: Window3BD, SeedLine: 3540, SandboxCents: 22328},
	{Code: "CHR19", X9Reason: "S", X9List: X9Customer, Description: "Refer to Maker", Title: "Refer to maker", Category: CategoryOther, Window: Window3BD, SeedLine: 3544, SandboxCents: 22329},
	{Code: "CHR20", X9Reason: "T", X9List: X9Customer, Description: "Item cannot be re-presented (exceeds allowable number of presentments)", Title: "Item cannot be re-presented", Category: CategoryOther, Window: Window3BD, SeedLine: 3548, SandboxCents: 22330},
	{Code: "CHR21", X9Reason: "U", X9List: X9Customer, Description: "Unusable image", Title: "Unusable image", Category: CategoryOther, Window: Window3BD, SeedLine: 3552, SandboxCents: 22331},
	{Code: "CHR22", X9Reason: "W", X9List: X9Customer, Description: "Cannot determine amount", Title: "Cannot determine amount", Category: CategoryOther, Window: Window3BD, SeedLine: 3556, SandboxCents: 22332},
	{Code: "CHR23", X9Reason: "X", X9List: X9Customer, Description: "Refer to image – return reason is contained within the image of the item", Title: "Refer to image", Category: CategoryOther, Window: Window3BD, SeedLine: 3560, SandboxCents: 22333},
	{Code: "CHR24", X9Reason: "Y", X9List: X9Customer, Description: "Duplicate Presentment (Supporting documentation shall be readily available)", Title: "Duplicate presentment", Category: CategoryUnauthorized, Window: Window60CD, Unauthorized: true, SeedLine: 3564, SandboxCents: 22334},
	{Code: "CHR25", X9Reason: "Z", X9List: X9Customer, Description: "Forgery – an affidavit shall be available upon request", Title: "Forgery", Category: CategoryUnauthorized, Window: WindowNoLimit, Unauthorized: true, LocksUser: true, SeedLine: 3568, SandboxCents: 22335},
	{Code: "CHR26", X9Reason: "3", X9List: X9Customer, Description: "Warranty breach (includes Rule 8 & 9 claims)", Title: "Warranty breach (Rule 8 & 9 claims)", Category: CategoryUnauthorized, Window: Window60CD, Unauthorized: true, SeedLine: 3572, SandboxCents: 22336},
	{Code: "CHR27", X9Reason: "4", X9List: X9Customer, Description: "RCC warranty breach", Title: "RCC warranty breach (Rule 8)", Category: CategoryOther, Window: Window3BD, SeedLine: 3576, SandboxCents: 22337},
	{Code: "CHR28", X9Reason: "5", X9List: X9Customer, Description: "Forged and counterfeit warranty breach (Rule 9)", Title: "Forged and counterfeit warranty breach (Rule 9)", Category: CategoryOther, Window: WindowNoLimit, LocksUser: true, SeedLine: 3580, SandboxCents: 22338},
	{Code: "CHR29", X9Reason: "6", X9List: X9Customer, Description: "Retired/ineligible routing number", Title: "Retired/ineligible/failed institution routing number", Category: CategoryOther, Window: Window3BD, SeedLine: 3584, SandboxCents: 22339},
	{Code: "CHR30", X9Reason: "I", X9List: X9Administrative, Description: "Image Missing", Title: "Image missing", Category: CategoryOther, Window: Window3BD, SeedLine: 3588, SandboxCents: 22340},
	{Code: "CHR31", X9Reason: "Q", X9List: X9Administrative, Description: "Ineligible Item", Title: "Ineligible item", Category: CategoryOther, Window: Window3BD, SeedLine: 3592, SandboxCents: 22341},
	{Code: "CHR32", X9Reason: "T", X9List: X9Administrative, Description: "Item cannot be re-presented (exceeds number of allowable times for presentment)", Title: "Item cannot be re-presented", Category: CategoryOther, Window: Window3BD, SeedLine: 3596, SandboxCents: 22342},
	{Code: "CHR33", X9Reason: "U", X9List: X9Administrative, Description: "unusable image", Title: "Unusable image", Category: CategoryOther, Window: Window3BD, SeedLine: 3600, SandboxCents: 22343},
	{Code: "CHR34", X9Reason: "V", X9List: X9Administrative, Description: "Image fails security check", Title: "Image fails security check", Category: CategoryOther, Window: Window3BD, SeedLine: 3604, SandboxCents: 22344},
	{Code: "CHR35", X9Reason: "Y", X9List: X9Administrative, Description: "Duplicate presentment", Title: "Duplicate presentment", Category: CategoryOther, Window: Window3BD, SeedLine: 3608, SandboxCents: 22345},
	{Code: "CHR36", X9Reason: "1", X9List: X9Administrative, Description: "Does not conform with ANS X9.100-181", Title: "Does not conform with ANS X9.100-181", Category: CategoryOther, Window: Window3BD, SeedLine: 3612, SandboxCents: 22346},
	{Code: "CHR37", X9Reason: "2", X9List: X9Administrative, Description: "Does not conform to the Industry’s Universal Companion Document", Title: "Does not conform to the Industry's Universal Companion Document", Category: CategoryOther, Window: Window3BD, SeedLine: 3616, SandboxCents: 22347},
	{Code: "CHR38", X9Reason: "3", X9List: X9Administrative, Description: "Warranty Breach (includes Rule 8 & Rule 9 claims)", Title: "Warranty breach", Category: CategoryOther, Window: Window3BD, SeedLine: 3620, SandboxCents: 22348},
	{Code: "CHR39", X9Reason: "4", X9List: X9Administrative, Description: "RCC Warranty Breach (Rule 8)", Title: "RCC warranty breach", Category: CategoryOther, Window: Window3BD, SeedLine: 3624, SandboxCents: 22349},
	{Code: "CHR40", X9Reason: "5", X9List: X9Administrative, Description: "Forged and Counterfeit Warranty Breach", Title: "Forged and counterfeit warranty breach", Category: CategoryOther, Window: Window3BD, SeedLine: 3628, SandboxCents: 22350},
	{Code: "CHR41", X9Reason: "6", X9List: X9Administrative, Description: "Retired/Ineligible Routing Number", Title: "Retired/ineligible routing number", Category: CategoryOther, Window: Window3BD, SeedLine: 3632, SandboxCents: 22351},
}

// CheckCodes returns the CHR catalogue in code order.
func CheckCodes() []CheckCode { return append([]CheckCode(nil), checkTable...) }

func (c CheckCode) info() Info {
	notes := ""
	switch c.Code {
	case "CHR03":
		notes = "seed lists it as Unauthorized and Administrative: Administrative timing, counted as unauthorized (returns.md §9 #3); with CHR15 a CHECK-US issuance failure"
	case "CHR15":
		notes = "with CHR03 a CHECK-US issuance failure; the fallback for X9 reasons not in the chosen list"
	case "CHR20", "CHR32":
		notes = "blocks re-presentment of the item"
	case "CHR25":
		notes = "forgery: no time limit"
	case "CHR28":
		notes = "forgery by analogy with CHR25: no time limit (returns.md §9 #15)"
	}
	return Info{
		Code: c.Code, Family: FamilyCheck, Description: c.Description, Category: c.Category,
		LocksUser: c.LocksUser, Window: c.Window, Unauthorized: c.Unauthorized,
		Title: c.Title, Kind: KindCheckReturn, Source: source(c.SeedLine),
		X9Reason: c.X9Reason, X9List: c.X9List, SandboxAmount: sandbox(c.SandboxCents), Notes: notes,
	}
}

// CHRFor returns the CHR code of an X9.100-188 return reason in a list,
// or false when the list has no such reason.
func CHRFor(reason string, list X9List) (string, bool) {
	for _, c := range checkTable {
		if c.X9Reason == reason && c.X9List == list {
			return c.Code, true
		}
	}
	return "", false
}
