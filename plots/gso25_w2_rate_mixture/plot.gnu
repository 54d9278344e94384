set encoding utf8
set terminal pngcairo enhanced size 1800,1530 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 2,2 title "gso25_w2_rate_mixture: GSO25 W2 rate e^{-T} W2 + T eps + sqrt(d h T) on 1-D Gaussian mixtures, grid engine (calibrated C = 1.5)\nseed 000 (Ocello), slide 'Theorem [GSO25]' and the Gaussian-mixture proposition; Gentiloni Silveri, Ocello, ICML 2025\nsolid, filled dots: exact W2(data, sampler output)     dashed: 1.5 x rate (calibrated C)     red ring: violated" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N (1-D, T = 2, h = 2/N, eps = 0)" noenhanced
set ylabel "W2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (5, 10, 20, 50, 100)
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1)
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, pair a=2 s2=0.25, eps=0, T=2', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'eir, pair a=2 s2=0.25, eps=0, T=2 (bound shared)', \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'em, triple s2=0.5, eps=0, T=2', \
     '' index 2 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "horizon T (1-D, h = 0.05, N = 20 T)" noenhanced
set ylabel "W2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.5, 1, 2, 5)
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.1, 0.2, 0.5, 1, 2)
plot 'data.csv' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'eir, pair a=2 s2=0.25, eps=0, h=0.05', \
     '' index 3 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 3 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 3 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'eir, pair a=2 s2=0.25, eps=0.1, h=0.05', \
     '' index 4 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 4 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 4 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "additive score error eps (1-D, T = 2, N = 200, h = 0.01)" noenhanced
set ylabel "W2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.05, 0.1, 0.2, 0.5, 1, 2)
plot 'data.csv' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'eir, pair a=2 s2=0.25, T=2, N=200', \
     '' index 5 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 5 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 5 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'eir, pair a=1 s2=0.25, T=2, N=200', \
     '' index 6 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 6 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 6 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
